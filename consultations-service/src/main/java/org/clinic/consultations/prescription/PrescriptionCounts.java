package org.clinic.consultations.prescription;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.persistence.Where;

/** How many prescriptions a patient has in the clinic, whoever asks (no own-only filter). */
@ApplicationScoped
public class PrescriptionCounts {

    private final PrescriptionRepositories.Prescriptions prescriptions;

    PrescriptionCounts(PrescriptionRepositories.Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    public Uni<Long> ofPatient(long patientId) {
        return prescriptions.count(Where.of("patientId = :patient", "patient", patientId));
    }
}
