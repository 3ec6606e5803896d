package org.clinic.patients.patient;

import jakarta.inject.Singleton;
import org.clinic.common.export.RepositoryExport;

/**
 * The clinic's live patients in its export (API.md §9), each as {@code GET patients/{id}/} answers it (the
 * identification number masked; deleted patients left out, as there).
 */
@Singleton
class PatientExport extends RepositoryExport<Patient> {

    PatientExport(PatientRepository patients) {
        super("patients", patients, record -> record.id, PatientResponse::of);
    }
}
