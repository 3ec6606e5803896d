package org.clinic.doctors.live;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The live streams of API.md §7 on this replica. Every replica LISTENs on {@value #CHANNEL}; a NOTIFY (sent at the
 * commit of a visit change, on any replica) wakes the streams of that clinic, and each stream reads the clinic's
 * events after the last one it sent, in id order, so nothing is lost or reordered whichever replica wrote them or
 * the client is connected to. The same read runs with every heartbeat, which covers a NOTIFY missed while the
 * listener reconnected. A stream ends when its token expires and at shutdown; the client resumes with
 * {@code Last-Event-ID}.
 */
@ApplicationScoped
@org.clinic.common.persistence.NotTenantScoped(
        "one LISTEN connection per replica: it only learns which clinic has news;"
                + " every read is LiveReads', in that clinic's transaction")
public class LiveVisits {

    /** Also named by the NOTIFY of visit_event's insert trigger (V6__visit_event_notify_trigger.sql). */
    public static final String CHANNEL = "visit_events";
    /** The clinic's latest event id at the time of a list's read (API.md §7). */
    public static final String LAST_EVENT_ID = "X-Last-Event-ID";

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(15);
    static final long RETRY_MILLIS = 3000;
    /** How long a stream opened while this replica shuts down stays open. */
    static final Duration DRAINING_STREAM = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(LiveVisits.class);

    /** What a stream carries: visit events (all of the clinic's, or one doctor's), or the board. */
    public sealed interface Kind {
        record Visits(Predicate<LiveReads.Stored> filter) implements Kind {}

        record Board() implements Kind {}
    }

    private final Vertx vertx;
    private final LiveReads reads;
    private final String url;
    private final String user;
    private final String password;
    private final Map<Long, Set<Stream>> streams = new ConcurrentHashMap<>();
    /**
     * The board a clinic's streams send for an event, read once for all of them: every board stream of the clinic
     * wakes for the same event, and the board (with a median per doctor) is the costliest read of a stream. Kept
     * {@value #BOARD_SHARED_MILLIS} ms at most, so a stream opened later still sees a doctor added since.
     */
    private final Map<Long, SharedBoard> boards = new ConcurrentHashMap<>();

    static final long BOARD_SHARED_MILLIS = 1000;

    private record SharedBoard(long eventId, long readAt, Uni<QueueBoard> board) {

        boolean serves(long id, long now) {
            return eventId == id
                    && now - readAt < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(BOARD_SHARED_MILLIS);
        }
    }

    /** The clinic's board as of event {@code id}, shared with its other streams waking for the same event. */
    private Uni<QueueBoard> board(long clinicId, long id) {
        long now = System.nanoTime();
        return boards.compute(
                        clinicId,
                        (clinic, shared) -> shared != null && shared.serves(id, now)
                                ? shared
                                : new SharedBoard(
                                        id, now, reads.board(clinicId).memoize().indefinitely()))
                .board();
    }

    private PgSubscriber subscriber;
    private long heartbeat = -1;
    private volatile boolean draining;

    LiveVisits(
            Vertx vertx,
            LiveReads reads,
            org.clinic.common.config.DatabaseSettings database,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> password) {
        this.vertx = vertx;
        this.reads = reads;
        String url = database.listenUrl().orElse(database.reactiveUrl());
        this.url = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        this.user = user;
        this.password = password.orElse("");
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber
                .channel(CHANNEL)
                .handler(payload -> {
                    try {
                        wake(Long.parseLong(payload));
                    } catch (NumberFormatException e) {
                        LOG.warnf("ignored a %s notification that is not a clinic id", CHANNEL);
                    }
                })
                // (re)subscribed, after a reconnect too: whatever was missed meanwhile is read now
                .subscribeHandler(v -> streams.keySet().forEach(this::wake));
        subscriber
                .connect()
                .onFailure(
                        e -> LOG.warnf("the %s listener is not connected yet (%s); retrying", CHANNEL, e.getMessage()));
        heartbeat = vertx.setPeriodic(
                HEARTBEAT.toMillis(), id -> streams.values().forEach(set -> set.forEach(Stream::beat)));
    }

    /**
     * SIGTERM: readiness is down from now on, so every open stream ends (its client reconnects after the {@code retry}
     * delay, with Last-Event-ID, most likely to another replica), and a stream opened meanwhile sends what it must
     * catch up on and ends soon after: none holds up the shutdown's wait for requests in flight.
     */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        streams.values().forEach(set -> set.forEach(Stream::end));
    }

    void stop(@Observes ShutdownEvent event) {
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
        }
        streams.values().forEach(set -> set.forEach(Stream::end));
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Open streams on this replica (for metrics and tests). */
    public int open() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    private void wake(long clinicId) {
        Set<Stream> set = streams.get(clinicId);
        if (set != null) {
            set.forEach(Stream::pull);
        }
    }

    /**
     * A stream of the clinic's events (or board) for a caller whose token expires at {@code expires}. The first
     * thing sent is {@code retry: 3000}, as soon as the stream's starting point is read: the subscription is live and
     * its cursor set before it is sent.
     */
    public Multi<OutboundSseEvent> open(long clinicId, String lastEventId, Instant expires, Sse sse, Kind kind) {
        return Multi.createFrom().emitter(out -> {
            Stream stream = new Stream(clinicId, kind, out, sse);
            streams.computeIfAbsent(clinicId, c -> ConcurrentHashMap.newKeySet())
                    .add(stream);
            out.onTermination(() -> stream.closed());
            long ttl = draining
                    ? DRAINING_STREAM.toMillis()
                    : Math.max(1, Duration.between(Instant.now(), expires).toMillis());
            stream.expiry = vertx.setTimer(ttl, id -> stream.end());
            // where the stream starts is read before its first bytes (the response's headers go with them): a client
            // that has the headers misses nothing written after (found when the read got slower through a pooler)
            start(clinicId, lastEventId)
                    .subscribe()
                    .with(
                            cursor -> {
                                stream.send(sse.newEventBuilder()
                                        .comment("connected")
                                        .reconnectDelay(RETRY_MILLIS)
                                        .build());
                                stream.begin(cursor.cursor(), cursor.reset());
                            },
                            failure -> {
                                LOG.warnf("a stream of clinic %d could not start: %s", clinicId, failure.getMessage());
                                stream.end();
                            });
        });
    }

    private record Cursor(long cursor, boolean reset) {}

    /** Where a stream starts: after the latest event; after Last-Event-ID if it can be resumed; else a reset. */
    private Uni<Cursor> start(long clinicId, String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return reads.latest(clinicId).map(latest -> new Cursor(latest, false));
        }
        long seen;
        try {
            seen = Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return reads.latest(clinicId).map(latest -> new Cursor(latest, true));
        }
        return reads.resumable(clinicId, seen, REPLAY_WINDOW)
                .chain(ok -> ok
                        ? Uni.createFrom().item(new Cursor(seen, false))
                        : reads.latest(clinicId).map(latest -> new Cursor(latest, true)));
    }

    private final class Stream {
        final long clinicId;
        final Kind kind;
        final MultiEmitter<? super OutboundSseEvent> out;
        final Sse sse;
        long cursor = -1;
        boolean pulling;
        boolean again;
        boolean ended;
        long expiry = -1;

        Stream(long clinicId, Kind kind, MultiEmitter<? super OutboundSseEvent> out, Sse sse) {
            this.clinicId = clinicId;
            this.kind = kind;
            this.out = out;
            this.sse = sse;
        }

        synchronized void send(OutboundSseEvent event) {
            if (!ended) {
                out.emit(event);
            }
        }

        void begin(long from, boolean reset) {
            synchronized (this) {
                cursor = from;
            }
            if (reset) {
                send(sse.newEventBuilder()
                        .name("reset")
                        .data(String.class, "{}")
                        .mediaType(MediaType.TEXT_PLAIN_TYPE)
                        .build());
            }
            if (kind instanceof Kind.Board) {
                sendBoard(from);
            }
            pull();
        }

        void beat() {
            send(sse.newEventBuilder().comment("heartbeat").build());
            pull();
        }

        /** Reads and sends what came after the cursor; one read at a time, another if woken meanwhile. */
        void pull() {
            long after;
            synchronized (this) {
                if (ended || cursor < 0) {
                    return;
                }
                if (pulling) {
                    again = true;
                    return;
                }
                pulling = true;
                again = false;
                after = cursor;
            }
            reads.after(clinicId, after).subscribe().with(this::deliver, failure -> {
                LOG.warnf("reading clinic %d's events failed: %s", clinicId, failure.getMessage());
                done(false);
            });
        }

        private void deliver(List<LiveReads.Stored> events) {
            long last = -1;
            for (LiveReads.Stored event : events) {
                last = event.id();
                if (kind instanceof Kind.Visits visits && visits.filter().test(event)) {
                    send(sse.newEventBuilder()
                            .id(String.valueOf(event.id()))
                            .name(event.type())
                            .data(String.class, event.payload())
                            .mediaType(MediaType.TEXT_PLAIN_TYPE)
                            .build());
                }
            }
            if (last >= 0) {
                synchronized (this) {
                    cursor = last;
                }
                if (kind instanceof Kind.Board) {
                    sendBoard(last);
                }
            }
            done(events.size() == LiveReads.BATCH);
        }

        private void done(boolean more) {
            boolean next;
            synchronized (this) {
                pulling = false;
                next = more || again;
            }
            if (next) {
                pull();
            }
        }

        private void sendBoard(long id) {
            board(clinicId, id)
                    .subscribe()
                    .with(
                            board -> send(sse.newEventBuilder()
                                    .id(String.valueOf(id))
                                    .name("board")
                                    .data(QueueBoard.class, board)
                                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                    .build()),
                            failure ->
                                    LOG.warnf("reading clinic %d's board failed: %s", clinicId, failure.getMessage()));
        }

        void end() {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            out.complete();
        }

        void closed() {
            synchronized (this) {
                ended = true;
            }
            if (expiry >= 0) {
                vertx.cancelTimer(expiry);
            }
            Set<Stream> set = streams.get(clinicId);
            if (set != null) {
                set.remove(this);
                if (set.isEmpty()) {
                    boards.remove(clinicId);
                }
            }
        }
    }
}
