package org.clinic.doctors.doctor;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's doctor profiles. */
@Singleton
public class DoctorRepository extends TenantScopedRepository<Doctor> {

    DoctorRepository(TenantContext tenant) {
        super(Doctor.class, tenant);
    }

    /** Another profile of this clinic with the licence number or the user, if any. */
    Uni<Doctor> clashing(String licenseNumber, long userId, Long exceptId) {
        return findFirst(
                Where.of("(licenseNumber = :license or userId = :user)", "license", licenseNumber, "user", userId)
                        .and("id <> :except", "except", exceptId == null ? -1L : exceptId));
    }

    /** The profile of the given gateway user in this clinic, or null. */
    public Uni<Doctor> byUser(long userId) {
        return findFirst(Where.of("userId = :user", "user", userId));
    }
}
