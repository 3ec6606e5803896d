package org.clinic.consultations.consultation;

import java.time.Instant;
import java.time.LocalDate;

/** A consultation as clients see it (API.md §3). */
public record ConsultationResponse(
        Long id,
        Long clinicId,
        Long patient,
        String patientName,
        Long doctor,
        String doctorName,
        Long visit,
        String chiefComplaint,
        String diagnosis,
        String notes,
        Vitals vitals,
        LocalDate followUpDate,
        Instant createdAt) {

    public static ConsultationResponse of(Consultation c) {
        return new ConsultationResponse(
                c.id,
                c.getClinicId(),
                c.patientId,
                c.patientName,
                c.doctorId,
                c.doctorName,
                c.visitId,
                c.chiefComplaint,
                c.diagnosis,
                c.notes,
                c.vitals(),
                c.followUpDate,
                c.createdAt);
    }
}
