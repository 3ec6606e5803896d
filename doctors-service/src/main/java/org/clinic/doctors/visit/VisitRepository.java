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
    Uni<Long> nextToken(LocalDate day, java.time.ZoneId zone) {
        return nativeNumber(
                "insert into visit_token_counter (clinic_id, day, last_token, zone) values (:clinicId, :day, 1, :zone)"
                        + " on conflict (clinic_id, day) do update set last_token = visit_token_counter.last_token + 1,"
                        + " zone = excluded.zone returning last_token::bigint",
                Map.of("day", day, "zone", zone.getId()));
    }

    /**
     * The median consultation length in seconds of {@code doctorId} for the waiting-time estimate at {@code now} (API.md
     * §8), or null while it is not known: under {@value WaitEstimate#MIN_SAMPLES} consultations in the window, or no
     * check-in has told the clinic's zone yet.
     */
    Uni<Double> medianConsultationSeconds(long doctorId, java.time.Instant now) {
        return nativeRows(WaitEstimate.ZONE.replace("$1", ":clinicId"), Map.of())
                .chain(rows -> {
                    WaitEstimate.Window window =
                            WaitEstimate.Window.of(rows.isEmpty() ? null : (String) rows.get(0)[0], now);
                    if (window == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return nativeRows(
                                    "select 0, "
                                            + WaitEstimate.medianConsultationSeconds(
                                                    ":clinicId", ":doctor", ":from", ":to"),
                                    Map.of("doctor", doctorId, "from", window.from(), "to", window.to()))
                            .map(found -> found.get(0)[1] == null ? null : ((Number) found.get(0)[1]).doubleValue());
                });
    }

    /**
     * 1-based place among the waiting visits of the same doctor (or of the unassigned queue), in queue order: those of
     * a higher priority, then those of its own that came first (API.md §8).
     */
    Uni<Long> queuePosition(Visit visit) {
        short rank = (short) VisitPriority.parse(visit.priority).orElseThrow().rank();
        Where where = Where.of("status = 'checked_in'")
                .and(
                        "(priorityRank < :rank or (priorityRank = :rank"
                                + " and (checkInDate < :at or (checkInDate = :at and id <= :id))))",
                        "rank",
                        rank,
                        "at",
                        visit.checkInDate,
                        "id",
                        visit.id);
        where = visit.assignedDoctorId == null
                ? where.and("assignedDoctorId is null")
                : where.and("assignedDoctorId = :doctor", "doctor", visit.assignedDoctorId);
        return count(where);
    }

    /**
     * The id of the visit a doctor's call-next takes (API.md §8), locked for this transaction: the head of the doctor's
     * queue, or when it is empty of the clinic's unassigned queue, in queue order; null when nobody waits. A head that
     * another transaction holds (another call taking it, a PATCH or transition of it) is waited for, never skipped: a
     * skipped head would let a call take the second patient, or find "nobody" while one waits. PostgreSQL rechecks a
     * row it waited for and, when it no longer waits for this doctor (taken, transferred), locks the next in order
     * (the lock sits below the LIMIT), so two calls at once still never take the same visit and each takes one.
     */
    Uni<Long> lockNextWaiting(long doctorId) {
        return nativeRows(
                        "select id, priority_rank from visit where clinic_id = :clinicId and status = 'checked_in'"
                                + " and (assigned_doctor_id = :doctor or assigned_doctor_id is null)"
                                + " order by (assigned_doctor_id is null), priority_rank, check_in_date, id"
                                + " limit 1 for update",
                        Map.of("doctor", doctorId))
                .map(rows -> rows.isEmpty() ? null : n(rows.get(0)[0]));
    }

    /**
     * The clinic's visits of {@code day} by outcome, those waiting now, and the day's median wait (check-in to start)
     * and consultation (start to completion) in seconds: one statement, counted in SQL.
     */
    Uni<VisitStats.Totals> totals(LocalDate day) {
        return nativeRows(
                        "select count(*) filter (where visit_day = :day),"
                                + " count(*) filter (where visit_day = :day and status = 'completed'),"
                                + " count(*) filter (where visit_day = :day and status = 'cancelled'),"
                                + " count(*) filter (where visit_day = :day and status = 'no_show'),"
                                + " count(*) filter (where status = 'checked_in'),"
                                + " percentile_cont(0.5) within group (order by extract(epoch from started_at"
                                + " - check_in_date)) filter (where visit_day = :day and started_at is not null),"
                                + " percentile_cont(0.5) within group (order by extract(epoch from completed_at"
                                + " - started_at)) filter (where visit_day = :day and status = 'completed'"
                                + " and started_at is not null and completed_at >= started_at)"
                                + " from visit where clinic_id = :clinicId and (visit_day = :day or status = 'checked_in')",
                        Map.of("day", day))
                .map(rows -> {
                    Object[] r = rows.get(0);
                    return new VisitStats.Totals(
                            n(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]), seconds(r[5]), seconds(r[6]));
                });
    }

    /** Every doctor profile of the clinic, by id, with its queue now and its visits of {@code day}. */
    Uni<java.util.List<VisitStats.ByDoctor>> byDoctor(LocalDate day) {
        return nativeRows(
                        "select d.id, d.user_name,"
                                + " count(v.id) filter (where v.status = 'checked_in'),"
                                + " count(v.id) filter (where v.visit_day = :day),"
                                + " count(v.id) filter (where v.visit_day = :day and v.status = 'completed')"
                                + " from doctor d left join visit v on v.clinic_id = d.clinic_id"
                                + " and v.assigned_doctor_id = d.id and (v.visit_day = :day or v.status = 'checked_in')"
                                + " where d.clinic_id = :clinicId group by d.id, d.user_name order by d.id",
                        Map.of("day", day))
                .map(rows -> rows.stream()
                        .map(r -> new VisitStats.ByDoctor(n(r[0]), (String) r[1], n(r[2]), n(r[3]), n(r[4])))
                        .toList());
    }

    private static Double seconds(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
