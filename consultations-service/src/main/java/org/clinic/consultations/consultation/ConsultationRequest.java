package org.clinic.consultations.consultation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * The writable fields of a consultation. {@code patient} and {@code visit} are set at creation
 * and kept; {@code doctor} is always the caller's own profile, never a client field.
 * {@code follow_up_date} is checked by the service, and only when it changes, so a consultation
 * whose follow-up has passed can still be corrected.
 */
public record ConsultationRequest(
        @Positive Long patient,
        @Positive Long visit,
        @Size(max = 2000) String chiefComplaint,
        @Size(max = 5000) String diagnosis,
        @Size(max = 10000) String notes,
        @Valid Vitals vitals,
        LocalDate followUpDate) {

    static ConsultationRequest of(Consultation c) {
        return new ConsultationRequest(
                c.patientId, c.visitId, c.chiefComplaint, c.diagnosis, c.notes, c.vitals(), c.followUpDate);
    }
}
