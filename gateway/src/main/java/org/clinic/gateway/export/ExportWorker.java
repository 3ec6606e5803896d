package org.clinic.gateway.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.clinic.common.error.DomainException;
import org.clinic.common.export.ExportFile;
import org.clinic.common.ops.Periodic;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.OnBehalf;
import org.clinic.gateway.auth.OnBehalfTokens;
import org.clinic.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * Works on clinics' exports (API.md §9, docs/decisions.md §27). Every {@code clinic.export.poll-interval} a replica
 * that is not working on one claims the oldest export due in {@code export_queue} ({@code FOR UPDATE SKIP LOCKED}, a
 * lease of {@link #LEASE} renewed every {@link #HEARTBEAT} while it works: one replica per export; a replica that dies
 * loses its lease and another takes the export over within {@code LEASE} and a poll). For each asked resource whose
 * file is not written yet it has the owning process write it (with a token of the admin who asked, minted for the
 * call), and notes the file in the job as it completes; files already written are kept, so a taken-over export
 * resumes where it was. A refusal for good (the admin can no longer act, a resource refused) fails the export with an
 * error that names no internals; anything else (a service down, a timeout) is tried again, backing off, and fails the
 * export after {@link #MAX_ATTEMPTS} claims or {@link #LONGEST} after it started.
 */
@ApplicationScoped
@NotTenantScoped("claims every clinic's queued exports by id, then reads and writes each job only with its clinic set")
public class ExportWorker {

    private static final Logger LOG = Logger.getLogger(ExportWorker.class);

    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final int MAX_ATTEMPTS = 5;
    static final Duration LONGEST = Duration.ofHours(12);
    /** An export's files answer until 7 days after it completed (API.md §9). */
    static final Duration KEPT = Duration.ofDays(7);
    /**
     * How long a process keeps a file it wrote: past any export's expiry (written after the export started, which
     * completes within {@link #LONGEST}, then expires {@link #KEPT} later), then purged.
     */
    static final Duration KEEP_FILES = KEPT.plus(LONGEST).plusDays(1);

    private static final Set<Integer> FOR_GOOD = Set.of(400, 403, 404, 422);

    private static final String CLAIM = "update export_queue q set leased_until = now() + $1::integer * interval '1"
            + " second', lease = gen_random_uuid(), attempts = q.attempts + 1 where q.export_id = (select export_id"
            + " from export_queue where due_at <= now() and (leased_until is null or leased_until < now())"
            + " order by due_at, export_id limit 1 for update skip locked)"
            + " returning q.export_id, q.clinic_id, q.lease, q.attempts";

    /**
     * Every write to a job checks that its claim still holds the lease and that the job is still unfinished: a claim
     * taken over touches nothing, and nothing turns a finished job back (the lease's check alone reads the queue as of
     * the statement's start, which a claim finishing the job at that moment can pass).
     */
    private static final String HELD = " status in ('queued', 'running') and exists (select 1 from export_queue q"
            + " where q.export_id = $1 and q.lease = $2)";

    record Claimed(long exportId, long clinicId, UUID lease, int attempts) {}

    private record Job(List<String> resources, Instant since, long requestedBy, Instant startedAt, String files) {}

    private final Pool pool;
    private final Vertx vertx;
    private final ClinicTransactions transactions;
    private final ExportFilesClient files;
    private final OnBehalfTokens tokens;
    private final ObjectMapper mapper;
    private final Periodic schedule;
    private final Counter completed;
    private final Counter failed;

    public ExportWorker(
            Pool pool,
            Vertx vertx,
            ClinicTransactions transactions,
            ExportFilesClient files,
            OnBehalfTokens tokens,
            ObjectMapper mapper,
            GatewayConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.transactions = transactions;
        this.files = files;
        this.tokens = tokens;
        this.mapper = mapper;
        this.schedule =
                new Periodic(vertx, config.export().pollInterval(), LONGEST, "the export worker", LOG, this::workOnOne);
        this.completed = Counter.builder("exports_completed")
                .description("Exports completed")
                .register(registry);
        this.failed = Counter.builder("exports_failed")
                .description("Exports that failed (their error says why)")
                .register(registry);
    }

    void start(@Observes StartupEvent started) {
        schedule.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        schedule.stop();
    }

    /** Claims the oldest export due and works on it to its end (or to a retry); false when none was due. */
    public Uni<Boolean> workOnOne() {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of((int) LEASE.toSeconds()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = rows.iterator().next();
                    Claimed claimed = new Claimed(
                            row.getLong("export_id"),
                            row.getLong("clinic_id"),
                            row.getUUID("lease"),
                            row.getInteger("attempts"));
                    long heartbeat = vertx.setPeriodic(HEARTBEAT.toMillis(), ignored -> renew(claimed));
                    return work(claimed)
                            .onFailure()
                            .recoverWithUni(failure -> retry(claimed, failure.toString()))
                            .onTermination()
                            .invoke(() -> vertx.cancelTimer(heartbeat))
                            .replaceWith(true);
                });
    }

    private void renew(Claimed claimed) {
        pool.preparedQuery("update export_queue set leased_until = now() + $3::integer * interval '1 second'"
                        + " where export_id = $1 and lease = $2")
                .execute(Tuple.of(claimed.exportId(), claimed.lease(), (int) LEASE.toSeconds()))
                .subscribe()
                .with(
                        ignored -> {},
                        failure -> LOG.warnf("export %d: its lease was not renewed: %s", claimed.exportId(), failure));
    }

    private Uni<Void> work(Claimed claimed) {
        return job(claimed).chain(job -> {
            if (job == null) {
                // finished meanwhile by a claim whose lease ran out: nothing left to do but drop the queue row
                return dequeue(claimed);
            }
            if (claimed.attempts() > MAX_ATTEMPTS) {
                return fail(claimed, "The export was interrupted too many times; start a new one.");
            }
            if (job.startedAt() != null && job.startedAt().plus(LONGEST).isBefore(Instant.now())) {
                return fail(claimed, "The export did not finish in time; start a new one.");
            }
            return markRunning(claimed).chain(() -> files(claimed, job, ExportService.entries(mapper, job.files()), 0));
        });
    }

    private Uni<Void> files(Claimed claimed, Job job, List<ExportFileEntry> done, int i) {
        if (i == job.resources().size()) {
            return complete(claimed);
        }
        String resource = job.resources().get(i);
        if (done.stream().anyMatch(f -> f.resource().equals(resource))) {
            return files(claimed, job, done, i + 1);
        }
        return parts(claimed, job, resource, ExportResources.OWNERS.get(resource), new ArrayList<>())
                .chain(entry -> entry == null || entry.parts() == null
                        ? Uni.createFrom().item(entry)
                        : measure(claimed, job, entry))
                .onFailure(ExportWorker::refusedForGood)
                .recoverWithUni(failure -> {
                    LOG.errorf("export %d: %s was refused: %s", claimed.exportId(), resource, failure);
                    return fail(claimed, "The " + resource + " file could not be written; start a new export.")
                            .replaceWith((ExportFileEntry) null);
                })
                .chain(entry -> {
                    if (entry == null) {
                        return Uni.createFrom().voidItem();
                    }
                    List<ExportFileEntry> now = new ArrayList<>(done);
                    now.add(entry);
                    return noteFiles(claimed, now).chain(() -> files(claimed, job, now, i + 1));
                });
    }

    /**
     * Each owner's part of {@code resource}, one after another (a part already written is found as it is), then the
     * file's entry: the one part, or the parts merged by id, read once through to learn the file's bytes and sha256.
     * Null (and the export failed) when the admin who asked can no longer act.
     */
    private Uni<ExportFileEntry> parts(
            Claimed claimed, Job job, String resource, List<ExportResources.Owner> owners, List<ExportFile> written) {
        if (written.size() == owners.size()) {
            return Uni.createFrom().item(entry(resource, owners, written));
        }
        ExportResources.Owner owner = owners.get(written.size());
        // a token per part, minted as it starts (the admin may have gone since the last), for the part's longest call
        return tokens.mint(
                        job.requestedBy(),
                        claimed.clinicId(),
                        ExportFilesClient.PRODUCE_TIMEOUT.plusMinutes(1),
                        OnBehalf.EXPORT)
                .chain(token -> {
                    if (token == null) {
                        return fail(claimed, "The admin who asked for this export can no longer act; start a new one.")
                                .replaceWith((ExportFileEntry) null);
                    }
                    Instant keepUntil = Instant.now().plus(KEEP_FILES);
                    return files.produce(
                                    owner,
                                    claimed.clinicId(),
                                    claimed.exportId(),
                                    resource,
                                    job.since(),
                                    keepUntil,
                                    token)
                            .chain(file -> {
                                written.add(file);
                                return parts(claimed, job, resource, owners, written);
                            });
                });
    }

    private static ExportFileEntry entry(
            String resource, List<ExportResources.Owner> owners, List<ExportFile> written) {
        if (owners.size() == 1) {
            ExportFile file = written.get(0);
            return new ExportFileEntry(resource, file.count(), file.bytes(), file.sha256(), file.chunks());
        }
        List<ExportFileEntry.Part> parts = new ArrayList<>();
        long count = 0;
        long bytes = 0;
        for (int p = 0; p < owners.size(); p++) {
            ExportFile file = written.get(p);
            parts.add(new ExportFileEntry.Part(owners.get(p), file.count(), file.chunks()));
            count += file.count();
            bytes += file.bytes();
        }
        return new ExportFileEntry(resource, count, bytes, null, ExportFileEntry.MERGED, parts);
    }

    /** A merged file's sha256, read through once as a download will read it. */
    private Uni<ExportFileEntry> measure(Claimed claimed, Job job, ExportFileEntry entry) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            return Uni.createFrom().failure(e);
        }
        return files.file(claimed.clinicId(), claimed.exportId(), entry, job.requestedBy())
                .onItem()
                .invoke(sha256::update)
                .collect()
                .last()
                .map(ignored -> new ExportFileEntry(
                        entry.resource(),
                        entry.count(),
                        entry.bytes(),
                        HexFormat.of().formatHex(sha256.digest()),
                        ExportFileEntry.MERGED,
                        entry.parts()));
    }

    /**
     * An owner's refusal for good: as its REST client reports it (writing a part), or as this gateway's own error once
     * translated (reading a merged file's pieces for its sha256, which a download reads the same way), or the
     * admin's token no longer minted for a piece (a 403).
     */
    private static boolean refusedForGood(Throwable failure) {
        int status = failure instanceof WebApplicationException web
                ? web.getResponse().getStatus()
                : failure instanceof DomainException refused ? refused.status() : 0;
        return FOR_GOOD.contains(status);
    }

    private Uni<Job> job(Claimed claimed) {
        return transactions.onPool(pool, claimed.clinicId(), connection -> connection
                .preparedQuery("select resources, since, requested_by, started_at, files from export_job"
                        + " where id = $1 and status in ('queued', 'running')")
                .execute(Tuple.of(claimed.exportId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Job(
                            List.of(row.getString("resources").split(",")),
                            instant(row, "since"),
                            row.getLong("requested_by"),
                            instant(row, "started_at"),
                            row.getString("files"));
                }));
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private Uni<Void> markRunning(Claimed claimed) {
        return onJob(
                claimed,
                "update export_job set status = 'running', started_at = coalesce(started_at, now()) where id = $1 and"
                        + HELD,
                List.of());
    }

    private Uni<Void> noteFiles(Claimed claimed, List<ExportFileEntry> now) {
        String json;
        try {
            json = mapper.writeValueAsString(now);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return onJob(claimed, "update export_job set files = $3 where id = $1 and" + HELD, List.of(json));
    }

    private Uni<Void> complete(Claimed claimed) {
        return onJob(
                        claimed,
                        "with done as (update export_job set status = 'completed', completed_at = now(),"
                                + " expires_at = now() + $3::integer * interval '1 second' where id = $1 and" + HELD
                                + " returning id) delete from export_queue where export_id in (select id from done)",
                        List.of((int) KEPT.toSeconds()))
                .invoke(() -> {
                    completed.increment();
                    LOG.infof("export %d of clinic %d completed", claimed.exportId(), claimed.clinicId());
                });
    }

    private Uni<Void> fail(Claimed claimed, String error) {
        return onJob(
                        claimed,
                        "with done as (update export_job set status = 'failed', completed_at = now(), error = $3,"
                                + " expires_at = now() + $4::integer * interval '1 second' where id = $1 and" + HELD
                                + " returning id) delete from export_queue where export_id in (select id from done)",
                        List.of(error, (int) KEPT.toSeconds()))
                .invoke(() -> {
                    failed.increment();
                    LOG.warnf("export %d of clinic %d failed: %s", claimed.exportId(), claimed.clinicId(), error);
                });
    }

    private Uni<Void> dequeue(Claimed claimed) {
        return pool.preparedQuery("delete from export_queue where export_id = $1 and lease = $2")
                .execute(Tuple.of(claimed.exportId(), claimed.lease()))
                .replaceWithVoid();
    }

    /** Released to be claimed again after a back-off (2 s doubling), unless its attempts are spent. */
    private Uni<Void> retry(Claimed claimed, String reason) {
        if (claimed.attempts() >= MAX_ATTEMPTS) {
            LOG.warnf("export %d: giving up after %d attempts: %s", claimed.exportId(), claimed.attempts(), reason);
            return fail(claimed, "The export could not be completed; start a new one.");
        }
        int backoff = 1 << Math.min(claimed.attempts(), 8);
        LOG.warnf("export %d: trying again in %d s: %s", claimed.exportId(), backoff, reason);
        return pool.preparedQuery("update export_queue set leased_until = null, lease = null,"
                        + " due_at = now() + $3::integer * interval '1 second' where export_id = $1 and lease = $2")
                .execute(Tuple.of(claimed.exportId(), claimed.lease(), backoff))
                .replaceWithVoid();
    }

    private Uni<Void> onJob(Claimed claimed, String sql, List<Object> more) {
        List<Object> values = new ArrayList<>();
        values.add(claimed.exportId());
        values.add(claimed.lease());
        values.addAll(more);
        return transactions
                .onPool(pool, claimed.clinicId(), connection -> connection
                        .preparedQuery(sql)
                        .execute(Tuple.tuple(values)))
                .replaceWithVoid();
    }
}
