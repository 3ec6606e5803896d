package org.clinic.gateway.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.clinic.common.ops.Periodic;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.OnBehalf;
import org.clinic.gateway.auth.OnBehalfTokens;
import org.clinic.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * A doctor's rename reaches their profile in doctors-service, whatever dies when (issue 27, docs/decisions.md §26).
 * The rename's own transaction writes an outbox row ({@link #record}); after the commit the request tells
 * doctors-service at once ({@link #deliverNow}), and every {@code clinic.outbox.relay-interval} each replica delivers
 * what is still due: rows whose first delivery failed, or whose gateway died between its commit and its call.
 *
 * <p>A delivery claims its row with a lease ({@code FOR UPDATE SKIP LOCKED}, one short statement: no transaction is
 * open across the call), calls doctors-service with a short token of the user who made the rename (the relay acts on
 * their behalf, {@link OnBehalfTokens#mint}), and deletes the row only if no newer rename came in meanwhile
 * (its {@code seq}); the call is safe to repeat, since the profile re-reads the user's current name. A failure backs
 * off (2 s doubling to 5 min); a refusal for good (the renaming user can no longer act: a 401, 403 or 404) drops the
 * row with an error log and {@code outbox_dropped_total}. {@code outbox_pending} and {@code outbox_oldest_seconds}
 * tell an operator the relay is falling behind (docs/operations.md).
 */
@ApplicationScoped
@NotTenantScoped("the relay delivers every clinic's outbox rows, each to its own clinic with a token of that clinic")
public class DoctorNameRelay {

    private static final Logger LOG = Logger.getLogger(DoctorNameRelay.class);
    static final String KIND = "user.renamed";
    /** Delivered one after another, each call at most 1 s to connect and 3 s to answer: well inside the lease. */
    private static final int BATCH = 5;

    private static final Duration LEASE = Duration.ofSeconds(60);
    /** A relay pass that has not finished by then is given up (and the next one scheduled): never a stalled relay. */
    private static final Duration PASS = Duration.ofMinutes(2);

    private static final Duration TOKEN = Duration.ofSeconds(60);
    private static final long MAX_BACKOFF_SECONDS = 300;

    private static final String CLAIM = "update outbox o set leased_until = now() + $1::integer * interval '1 second',"
            + " lease = gen_random_uuid(), attempts = o.attempts + 1"
            + " where (o.kind, o.subject_id) in (select kind, subject_id from outbox"
            + " where kind = $2 and due_at <= now() and (leased_until is null or leased_until < now())"
            + " and ($4::bigint is null or subject_id = $4)"
            + " order by due_at limit $3 for update skip locked)"
            + " returning o.subject_id, o.clinic_id, o.actor_id, o.seq, o.attempts, o.lease";

    private record Claimed(long userId, long clinicId, long actorId, long seq, int attempts, UUID lease) {}

    private final Pool pool;
    private final Periodic schedule;
    private final DoctorsClient doctors;
    private final OnBehalfTokens tokens;
    private final Counter delivered;
    private final Counter failed;
    private final Counter dropped;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    public DoctorNameRelay(
            Pool pool,
            Vertx vertx,
            DoctorsClient doctors,
            OnBehalfTokens tokens,
            GatewayConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.schedule =
                new Periodic(vertx, config.outbox().relayInterval(), PASS, "the outbox relay", LOG, this::deliverDue);
        this.doctors = doctors;
        this.tokens = tokens;
        this.delivered = Counter.builder("outbox_delivered")
                .description("Outbox rows delivered to the service they were for")
                .register(registry);
        this.failed = Counter.builder("outbox_failed")
                .description("Outbox deliveries that failed and will be tried again")
                .register(registry);
        this.dropped = Counter.builder("outbox_dropped")
                .description("Outbox rows dropped because the service refused them for good")
                .register(registry);
        Gauge.builder("outbox_pending", pending, AtomicLong::get)
                .description("Outbox rows not yet delivered, as of this replica's last look")
                .register(registry);
        Gauge.builder("outbox_oldest_seconds", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest outbox row not yet delivered, as of this replica's last look")
                .register(registry);
    }

    void start(@Observes StartupEvent started) {
        schedule.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        schedule.stop();
    }

    /**
     * In the rename's transaction (the caller's Hibernate session): the user's profile is to re-read their name.
     * A rename while one is still due only bumps its {@code seq}, so one delivery covers both.
     */
    Uni<Void> record(long clinicId, long userId, long actorId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into outbox (kind, subject_id, clinic_id, actor_id)"
                                + " values (:kind, :subject, :clinic, :actor) on conflict (kind, subject_id) do update"
                                + " set seq = nextval('outbox_seq'), actor_id = excluded.actor_id, due_at = now(),"
                                + " attempts = 0, last_error = null")
                        .setParameter("kind", KIND)
                        .setParameter("subject", userId)
                        .setParameter("clinic", clinicId)
                        .setParameter("actor", actorId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** After the rename committed: its delivery now, so the answer finds the profile renamed. Never fails. */
    Uni<Void> deliverNow(long userId) {
        return claim(userId, 1).chain(this::deliverAll).onFailure().recoverWithUni(failure -> {
            LOG.warnf("the rename of user %d will reach doctors-service later: %s", userId, failure);
            return Uni.createFrom().voidItem();
        });
    }

    /** Delivers every row due now, in batches; how many were claimed. */
    public Uni<Integer> deliverDue() {
        return measure().onFailure().recoverWithNull().chain(() -> batches(0));
    }

    private Uni<Integer> batches(int sofar) {
        return claim(null, BATCH).chain(claimed -> deliverAll(claimed).chain(() -> {
            int total = sofar + claimed.size();
            return claimed.size() == BATCH && !schedule.stopped()
                    ? batches(total)
                    : Uni.createFrom().item(total);
        }));
    }

    private Uni<Void> measure() {
        return pool.query("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)::bigint"
                        + " from outbox")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong(0));
                    oldestSeconds.set(row.getLong(1));
                })
                .replaceWithVoid();
    }

    private Uni<List<Claimed>> claim(Long userId, int limit) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of((int) LEASE.toSeconds(), KIND, limit, userId))
                .map(DoctorNameRelay::claimed);
    }

    private static List<Claimed> claimed(RowSet<Row> rows) {
        List<Claimed> claimed = new ArrayList<>();
        for (Row row : rows) {
            claimed.add(new Claimed(
                    row.getLong("subject_id"),
                    row.getLong("clinic_id"),
                    row.getLong("actor_id"),
                    row.getLong("seq"),
                    row.getInteger("attempts"),
                    row.getUUID("lease")));
        }
        return claimed;
    }

    private Uni<Void> deliverAll(List<Claimed> claimed) {
        return Multi.createFrom()
                .iterable(claimed)
                .onItem()
                .transformToUniAndConcatenate(this::deliver)
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Void> deliver(Claimed row) {
        return actorToken(row)
                .chain(token -> token == null
                        ? Uni.createFrom().item(new DoctorsClient.Told.Never("the renaming user can no longer act"))
                        : doctors.userRenamed(row.clinicId(), row.userId(), token))
                .chain(told -> {
                    if (told instanceof DoctorsClient.Told.Later later) {
                        return retry(row, later.reason());
                    }
                    if (told instanceof DoctorsClient.Told.Never never) {
                        return drop(row, never.reason());
                    }
                    return finish(row).invoke(() -> delivered.increment());
                })
                // whatever failed on the way (the actor's read, the bookkeeping): this row backs off, the others go on
                .onFailure()
                .recoverWithUni(failure -> retry(row, failure.toString())
                        .onFailure()
                        .invoke(again ->
                                LOG.warnf("the outbox row of user %d is left to its lease: %s", row.userId(), again))
                        .onFailure()
                        .recoverWithNull());
    }

    /** A short token of the user who made the change, or null if they (or their clinic) can no longer act. */
    private Uni<String> actorToken(Claimed row) {
        return tokens.mint(row.actorId(), row.clinicId(), TOKEN, OnBehalf.RENAME);
    }

    /**
     * Delivered: the row goes, if it is still this claim's and no newer rename came in meanwhile (then it is released,
     * due again at once). A claim whose lease ran out and was taken by another touches nothing.
     */
    private Uni<Void> finish(Claimed row) {
        return pool.preparedQuery("delete from outbox where kind = $1 and subject_id = $2 and seq = $3 and lease = $4")
                .execute(Tuple.of(KIND, row.userId(), row.seq(), row.lease()))
                .chain(deleted -> deleted.rowCount() > 0
                        ? Uni.createFrom().voidItem()
                        : pool.preparedQuery("update outbox set leased_until = null, lease = null"
                                        + " where kind = $1 and subject_id = $2 and lease = $3")
                                .execute(Tuple.of(KIND, row.userId(), row.lease()))
                                .replaceWithVoid());
    }

    private Uni<Void> retry(Claimed row, String reason) {
        failed.increment();
        int backoff = (int) Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(row.attempts(), 9));
        LOG.warnf(
                "the rename of user %d did not reach doctors-service (attempt %d), trying again in %d s: %s",
                row.userId(), row.attempts(), backoff, reason);
        return pool.preparedQuery("update outbox set leased_until = null, lease = null, last_error = left($4, 500),"
                        + " due_at = case when seq = $3 then now() + $5::integer * interval '1 second' else due_at end"
                        + " where kind = $1 and subject_id = $2 and lease = $6")
                .execute(Tuple.tuple(List.of(KIND, row.userId(), row.seq(), reason, backoff, row.lease())))
                .replaceWithVoid();
    }

    private Uni<Void> drop(Claimed row, String reason) {
        dropped.increment();
        LOG.errorf(
                "the rename of user %d of clinic %d was refused for good and is dropped (the profile shows the old"
                        + " name until the doctor is next saved): %s",
                row.userId(), row.clinicId(), reason);
        return finish(row);
    }
}
