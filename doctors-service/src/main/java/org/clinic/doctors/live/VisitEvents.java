package org.clinic.doctors.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.clinic.common.persistence.Where;
import org.clinic.common.persistence.WriteStep;
import org.clinic.doctors.visit.Visit;
import org.clinic.doctors.visit.VisitResponse;

/**
 * Writes a visit's change as an event, in the caller's transaction (so it exists exactly when the change does):
 * one statement, whose trigger wakes the listeners of every replica at commit (V6).
 */
@ApplicationScoped
public class VisitEvents {

    /** Longer than the replay window (LiveVisits.REPLAY_WINDOW), so a resumable stream always finds its events. */
    static final java.time.Duration KEEP = java.time.Duration.ofMinutes(20);
    /** Every this many events of a clinic, its older ones are deleted, in the same transaction. */
    static final long PRUNE_EVERY = 64;

    private final VisitEventRepository events;
    private final ObjectMapper json;
    private final Clock clock;

    VisitEvents(VisitEventRepository events, ObjectMapper json, Clock clock) {
        this.clock = clock;
        this.events = events;
        this.json = json;
    }

    public Uni<Void> record(Visit visit, String type) {
        return record(visit, type, null);
    }

    /** As {@link #record(Visit, String)}, for a transfer from {@code previousDoctor} (null: none). */
    public Uni<Void> record(Visit visit, String type, Long previousDoctor) {
        String payload;
        try {
            payload = json.writeValueAsString(VisitResponse.of(visit));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Instant at = clock.instant();
        return events.append(type, visit.id, visit.assignedDoctorId, previousDoctor, payload, at)
                .chain(this::pruneAfter);
    }

    /** SQL of a statement with {@link #steps}: the new event's id (for {@link #pruneAfter}). */
    public static final String EVENT_ID = "(select event_id from " + VisitEventRepository.EVENT + ")";

    /**
     * {@link #record(Visit, String)} as steps of a statement that writes several tables at once (VisitService's
     * check-in), for a visit whose id is already known, taken only after the step {@code after} (the visit's own
     * write: see VisitEventRepository.appendSteps); the caller reads {@link #EVENT_ID} in that statement and then
     * calls {@link #pruneAfter}.
     */
    public List<WriteStep> steps(Visit visit, String type, String after) {
        try {
            return events.appendSteps(
                    type,
                    visit.id,
                    visit.assignedDoctorId,
                    null,
                    json.writeValueAsString(VisitResponse.of(visit)),
                    clock.instant(),
                    after);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a visit that cannot be written as JSON", e);
        }
    }

    /** Every {@value #PRUNE_EVERY} events of a clinic, its events older than {@link #KEEP} go. */
    public Uni<Void> pruneAfter(long eventId) {
        return eventId % PRUNE_EVERY == 0
                ? events.delete(Where.of(
                                "at < :cutoff", "cutoff", clock.instant().minus(KEEP)))
                        .replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    /** The clinic's latest event id, read in the caller's transaction: the X-Last-Event-ID of a list. */
    public Uni<Long> latestId() {
        return events.latestId();
    }
}
