package org.clinic.doctors.doctor;

import jakarta.inject.Singleton;
import org.clinic.common.export.RepositoryExport;

/**
 * The clinic's doctor profiles, active or not, in its export (API.md §9), each as {@code GET doctors/{id}/} answers
 * it (an admin's export: no "own only").
 */
@Singleton
class DoctorExport extends RepositoryExport<Doctor> {

    DoctorExport(DoctorRepository doctors) {
        super("doctors", doctors, record -> record.id, DoctorResponse::of);
    }
}
