package org.clinic.patients.patient;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Map;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's live patients: deleted ones are left out of every statement. */
@Singleton
class PatientRepository extends TenantScopedRepository<Patient> {

    PatientRepository(TenantContext tenant) {
        super(Patient.class, tenant);
    }

    @Override
    protected String alwaysWhere() {
        return "deletedAt is null";
    }

    /**
     * The clinic's next medical record number, taken in the caller's transaction: the counter row
     * stays locked until commit, so concurrent creates queue and a rolled-back create gives its
     * number back (no gaps, no duplicates).
     */
    Uni<Long> nextNumber() {
        return nativeNumber(
                "insert into patient_number_counter (clinic_id, last_number) values (:clinicId, 1) "
                        + "on conflict (clinic_id) do update set last_number = patient_number_counter.last_number + 1 "
                        + "returning last_number",
                Map.of());
    }
}
