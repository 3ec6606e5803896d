package org.clinic.consultations.consultation;

import jakarta.inject.Singleton;
import org.clinic.common.export.RepositoryExport;

/**
 * The clinic's consultations, every doctor's (an admin's export: no "own only"), in its export (API.md §9), each as
 * {@code GET consultations/{id}/} answers it.
 */
@Singleton
class ConsultationExport extends RepositoryExport<Consultation> {

    ConsultationExport(ConsultationRepository consultations) {
        super("consultations", consultations, record -> record.id, ConsultationResponse::of);
    }
}
