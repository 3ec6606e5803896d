package org.clinic.doctors.visit;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.persistence.WriteStep;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's visits. */
@Singleton
class VisitRepository extends TenantScopedRepository<Visit> {

    VisitRepository(TenantContext tenant) {
        super(Visit.class, tenant);
    }

    /** A check-in's token number and the id its visit will have. */
    record Taken(int token, long visitId) {}

    /**
     * The next token number of the clinic's {@code day} and an id for the visit, in one statement of the caller's
     * transaction, when {@code doctorId} is null or an active doctor of the clinic; null otherwise (nothing taken).
     * The counter row stays locked until commit, so concurrent check-ins queue and a rolled-back one gives its
     * number back (unique, no gaps; an id, taken from a sequence, is not given back).
     */
    Uni<Taken> takeToken(LocalDate day, java.time.ZoneId zone, Long doctorId) {
        return nativeRows(
                        "with counter as (insert into visit_token_counter (clinic_id, day, last_token, zone)"
                                + " select cast(:clinicId as bigint), cast(:day as date), 1, cast(:zone as text)"
                                + " where cast(:doctor as bigint) = 0 or exists (select 1 from doctor"
                                + " where clinic_id = :clinicId and id = :doctor and is_active)"
                                + " on conflict (clinic_id, day) do update set last_token = visit_token_counter.last_token"
                                + " + 1, zone = excluded.zone returning last_token)"
                                + " select last_token, nextval('visit_id_seq') from counter",
                        Map.of("day", day, "zone", zone.getId(), "doctor", doctorId == null ? 0L : doctorId))
                .map(rows -> rows.isEmpty()
                        ? null
                        : new Taken(((Number) rows.get(0)[0]).intValue(), ((Number) rows.get(0)[1]).longValue()));
    }

    /** A visit of the request's clinic with the id and token of {@code taken}, to be written by {@link #checkIn}. */
    Visit newVisit(Taken taken) {
        Visit visit = claim(new Visit());
        visit.id = taken.visitId();
        visit.tokenNumber = taken.token();
        return visit;
    }

    /** The step of {@link #checkIn} that writes the visit (it returns the visit's id). */
    static final String NEW_VISIT = "new_visit";

    /** A new visit's place in its queue, and the id of the event written with it. */
    record Written(long queuePosition, long eventId) {}

    /**
     * Writes {@code visit} (from {@link #newVisit}) and {@code with} (its history, event and audit
     * rows) in one statement, which also answers the visit's 1-based place among the waiting visits of its doctor
     * (or of the unassigned queue) in queue order (API.md §8): those of a higher priority, then those of its own
     * that came first, then itself (the statement does not see the row it writes). {@code eventId} is SQL for the
     * id of the event among {@code with} (VisitEvents.EVENT_ID).
     */
    Uni<Written> checkIn(Visit visit, List<WriteStep> with, String eventId) {
        List<WriteStep> steps = new ArrayList<>();
        steps.add(WriteStep.of(
                        NEW_VISIT,
                        "insert into visit (id, clinic_id, patient_id, patient_name, assigned_doctor_id, token_number,"
                                + " purpose, status, priority, visit_day, check_in_date, checked_in_by, updated_at)"
                                + " values (:visitId, :clinicId, :visitPatient, :visitPatientName, :visitDoctor,"
                                + " :visitToken, :visitPurpose, :visitStatus, :visitPriority, :visitDay, :visitAt,"
                                + " :visitBy, :visitUpdated) returning id")
                .with("visitId", visit.id)
                .with("visitPatient", visit.patientId)
                .with("visitPatientName", visit.patientName)
                .with("visitDoctor", visit.assignedDoctorId)
                .with("visitToken", visit.tokenNumber)
                .with("visitPurpose", visit.purpose)
                .with("visitStatus", visit.status)
                .with("visitPriority", visit.priority)
                .with("visitDay", visit.visitDay)
                .with("visitAt", visit.checkInDate)
                .with("visitBy", visit.checkedInBy)
                .with("visitUpdated", visit.updatedAt));
        steps.addAll(with);
        String queue = visit.assignedDoctorId == null
                ? "assigned_doctor_id is null"
                : "assigned_doctor_id = cast(:positionDoctor as bigint)";
        Map<String, Object> position = new HashMap<>(
                Map.of("positionRank", visit.priorityRank, "positionAt", visit.checkInDate, "positionId", visit.id));
        if (visit.assignedDoctorId != null) {
            position.put("positionDoctor", visit.assignedDoctorId);
        }
        return nativeWrite(
                        steps,
                        "select (select count(*) from visit where clinic_id = :clinicId and status = 'checked_in' and "
                                + queue
                                + " and (priority_rank < :positionRank or (priority_rank = :positionRank"
                                + " and (check_in_date < :positionAt or (check_in_date = :positionAt"
                                + " and id < :positionId))))) + 1, "
                                + eventId,
                        position)
                .map(row -> new Written(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
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
