package org.clinic.doctors.live;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.persistence.WriteStep;
import org.clinic.common.tenancy.TenantContext;

/** The request's clinic's visit events (write side, and the latest id a list answers with). */
@Singleton
class VisitEventRepository extends TenantScopedRepository<VisitEvent> {

    VisitEventRepository(TenantContext tenant) {
        super(VisitEvent.class, tenant);
    }

    /**
     * Appends the clinic's next event in one statement: its id comes from the clinic's counter row, which stays
     * locked until the caller's transaction commits, so the clinic's events commit in id order; the insert's
     * trigger (V6) wakes every replica's listener at commit (nothing is sent if the transaction rolls back).
     * Returns the event id.
     */
    Uni<Long> append(String type, long visitId, Long doctorId, Long previousDoctorId, String payload, Instant at) {
        return nativeWrite(
                        appendSteps(type, visitId, doctorId, previousDoctorId, payload, at, null),
                        "select event_id, 0 from " + EVENT,
                        Map.of())
                .map(row -> ((Number) row[0]).longValue());
    }

    /** The step of {@link #appendSteps} that returns the new event's id ({@code event_id}). */
    static final String EVENT = "event";

    /**
     * {@link #append} as steps of a statement that writes several tables at once; {@value #EVENT} returns its id.
     * {@code after} (null: none) names a step of that statement returning one row: the clinic's counter is taken
     * only once that step has run. PostgreSQL runs a statement's steps in an order of its choosing (one that another
     * reads runs first), and the counter, locked until commit, must not be held while an earlier write waits for
     * another transaction that needs it (a visit waiting on a unique index for a change whose own event then waits
     * for the counter: a deadlock).
     */
    List<WriteStep> appendSteps(
            String type, long visitId, Long doctorId, Long previousDoctorId, String payload, Instant at, String after) {
        String counter = after == null
                ? "insert into visit_event_counter (clinic_id, last_id) values (:clinicId, 1)"
                : "insert into visit_event_counter (clinic_id, last_id) select cast(:clinicId as bigint), 1 from "
                        + after;
        return List.of(
                WriteStep.of(
                        "event_counter",
                        counter
                                + " on conflict (clinic_id) do update set last_id = visit_event_counter.last_id + 1"
                                + " returning last_id"),
                WriteStep.of(
                                EVENT,
                                "insert into visit_event (clinic_id, event_id, type, visit_id, doctor_id,"
                                        + " previous_doctor_id, payload, at) select :clinicId, last_id, :eventType,"
                                        + " :eventVisit, nullif(:eventDoctor, 0), nullif(:eventPrevious, 0),"
                                        + " :eventPayload, :eventAt from event_counter returning event_id")
                        .with("eventType", type)
                        .with("eventVisit", visitId)
                        .with("eventDoctor", doctorId == null ? 0L : doctorId)
                        .with("eventPrevious", previousDoctorId == null ? 0L : previousDoctorId)
                        .with("eventPayload", payload)
                        .with("eventAt", at));
    }

    /** The clinic's latest event id as this transaction sees it (0 before the first). */
    Uni<Long> latestId() {
        return nativeNumber(
                "select coalesce((select last_id from visit_event_counter where clinic_id = :clinicId), 0)", Map.of());
    }
}
