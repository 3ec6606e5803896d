package org.clinic.doctors.visit;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Map;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's visits. */
@Singleton
class VisitRepository extends TenantScopedRepository<Visit> {

    VisitRepository(TenantContext tenant) {
        super(Visit.class, tenant);
    }

    /**
     * The next token number of the clinic's {@code day}, taken in the caller's transaction: the
     * counter row stays locked until commit, so concurrent check-ins queue and a rolled-back one
     * gives its number back (unique, no gaps).
     */
    Uni<Long> nextToken(LocalDate day) {
        return nativeNumber(
                "insert into visit_token_counter (clinic_id, day, last_token) values (:clinicId, :day, 1) "
                        + "on conflict (clinic_id, day) do update set last_token = visit_token_counter.last_token + 1 "
                        + "returning last_token::bigint",
                Map.of("day", day));
    }

    Uni<Visit> openVisit(long patientId, LocalDate day) {
        return findFirst(Where.of(
                "patientId = :patient and visitDay = :day and status in ('checked_in', 'in_consultation')",
                "patient",
                patientId,
                "day",
                day));
    }

    /** 1-based place among the waiting visits of the same doctor (or of the unassigned queue). */
    Uni<Long> queuePosition(Visit visit) {
        Where where = Where.of("status = 'checked_in'")
                .and(
                        "(checkInDate < :at or (checkInDate = :at and id <= :id))",
                        "at",
                        visit.checkInDate,
                        "id",
                        visit.id);
        where = visit.assignedDoctorId == null
                ? where.and("assignedDoctorId is null")
                : where.and("assignedDoctorId = :doctor", "doctor", visit.assignedDoctorId);
        return count(where);
    }
}
