package org.clinic.patients.patient;

import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A patient as clients see it; the identification number only ever masked. */
public record PatientResponse(
        Long id,
        Long clinicId,
        String patientId,
        String patientName,
        LocalDate dateOfBirth,
        @Schema(enumeration = {"M", "F", "O"}) String gender,

        @Schema(enumeration = {"A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"})
        String bloodGroup,

        String phoneNumber,
        String email,
        String address,
        String city,
        String state,
        String zipCode,
        String emergencyContactName,
        String emergencyContactPhone,
        String identificationType,
        String identificationNumber,

        @Schema(enumeration = {"active", "inactive", "deceased"})
        String status,

        Long registeredBy,
        String doctorName,
        Instant registrationDate,
        Instant updatedAt) {

    public static PatientResponse of(Patient p) {
        return new PatientResponse(
                p.id,
                p.getClinicId(),
                p.medicalRecordNumber,
                p.patientName,
                p.dateOfBirth,
                p.gender,
                p.bloodGroup,
                p.phoneNumber,
                p.email,
                p.address,
                p.city,
                p.state,
                p.zipCode,
                p.emergencyContactName,
                p.emergencyContactPhone,
                p.identificationType,
                IdentificationCipher.mask(p.identificationNumberLength, p.identificationNumberLast4),
                p.status,
                p.registeredBy,
                p.doctorName,
                p.registrationDate,
                p.updatedAt);
    }
}
