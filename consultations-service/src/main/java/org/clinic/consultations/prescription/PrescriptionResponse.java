package org.clinic.consultations.prescription;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A prescription with its medicines, as clients see it (API.md §3). */
public record PrescriptionResponse(
        Long id,
        Long clinicId,
        Long patient,
        String patientName,
        Long doctor,
        String doctorName,
        Long consultation,
        LocalDate prescriptionDate,

        @Schema(enumeration = {"active", "completed", "cancelled"})
        String status,

        String notes,
        List<MedicineResponse> medicines,
        Instant createdAt) {

    public record MedicineResponse(
            Long id,
            String medicineName,
            String dosage,
            String frequency,
            String duration,
            String route,
            String instructions,
            int quantity,
            int refillsAllowed) {

        static MedicineResponse of(Medicine m) {
            return new MedicineResponse(
                    m.id,
                    m.medicineName,
                    m.dosage,
                    m.frequency,
                    m.duration,
                    m.route,
                    m.instructions,
                    m.quantity,
                    m.refillsAllowed);
        }
    }

    static PrescriptionResponse of(Prescription p, List<Medicine> medicines) {
        return new PrescriptionResponse(
                p.id,
                p.getClinicId(),
                p.patientId,
                p.patientName,
                p.doctorId,
                p.doctorName,
                p.consultationId,
                p.prescriptionDate,
                p.status,
                p.notes,
                medicines.stream().map(MedicineResponse::of).toList(),
                p.createdAt);
    }
}
