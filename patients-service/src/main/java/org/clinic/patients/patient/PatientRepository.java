package org.clinic.patients.patient;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Map;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.persistence.Where;
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

    /** A page of all the clinic's live patients, its total read from the count the database keeps (V4). */
    Uni<Page<Patient>> pageOfAll(String orderBy, PageRequest request) {
        return page(
                Where.all(),
                orderBy,
                request,
                clinicRow(LivePatients.class).map(live -> live == null ? 0L : live.count));
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

    /** Current totals and the registrations in {@code [from, to)}: one statement, counted in SQL. */
    Uni<PatientStats> stats(java.time.Instant from, java.time.Instant to) {
        return nativeRows(
                        "select count(*), count(*) filter (where status = 'active'),"
                                + " count(*) filter (where registration_date >= :from and registration_date < :to)"
                                + " from patient where clinic_id = :clinicId and deleted_at is null",
                        Map.of(
                                "from",
                                java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC),
                                "to",
                                java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC)))
                .map(rows -> {
                    Object[] row = rows.get(0);
                    return new PatientStats(
                            ((Number) row[0]).longValue(),
                            ((Number) row[1]).longValue(),
                            ((Number) row[2]).longValue());
                });
    }
}
