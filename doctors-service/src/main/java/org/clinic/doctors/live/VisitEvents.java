package org.clinic.doctors.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.clinic.common.persistence.Where;
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
                .call(eventId -> eventId % PRUNE_EVERY == 0
                        ? events.delete(Where.of("at < :cutoff", "cutoff", at.minus(KEEP)))
                        : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    /** The clinic's latest event id, read in the caller's transaction: the X-Last-Event-ID of a list. */
    public Uni<Long> latestId() {
        return events.latestId();
    }
}
