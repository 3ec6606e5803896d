package org.clinic.doctors.visit;

import jakarta.inject.Singleton;
import org.clinic.common.export.RepositoryExport;

/**
 * The clinic's visits, in every status, in its export (API.md §9), each as {@code GET visits/{id}/} answers it (no
 * {@code queue_position}; a check-in sets {@code updated_at}, and so does every transition, transfer and change of
 * priority).
 */
@Singleton
class VisitExport extends RepositoryExport<Visit> {

    VisitExport(VisitRepository visits) {
        super("visits", visits, record -> record.id, VisitResponse::of);
    }
}
