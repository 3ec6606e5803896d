package org.clinic.common.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.clinic.common.config.IdempotencySettings;
import org.clinic.common.ops.Periodic;
import org.clinic.common.persistence.NotTenantScoped;
import org.jboss.logging.Logger;

/**
 * Deletes {@code Idempotency-Key} records an hour past the 24 hours API.md §1 keeps them (issue 26; the
 * hour is a margin for the database's clock against the services'): they hold full
 * answers, PHI, that nobody may replay any more. Every {@code clinic.idempotency.purge-interval} each replica calls the
 * database's {@code purge_expired_idempotency_keys} (kernel migration V0_4) in batches until none is left; replicas
 * running at once skip each other's rows ({@code SKIP LOCKED}), and a key being claimed again right now is left to
 * its claim. A failed run is logged and tried again at the next interval: the store is then only late, never wrong
 * (an expired key is already a new request, {@link Idempotency}).
 */
@ApplicationScoped
@NotTenantScoped("deletes expired keys of every clinic through a definer function that returns only a count")
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);
    static final int BATCH = 1000;

    private final Pool pool;
    private final Counter purged;
    private final Periodic schedule;

    public IdempotencyPurge(Pool pool, Vertx vertx, MeterRegistry registry, IdempotencySettings settings) {
        this.pool = pool;
        Duration interval = settings.purgeInterval();
        this.schedule = new Periodic(
                vertx, interval, interval.plusMinutes(5), "purging expired idempotency keys", LOG, this::purge);
        this.purged = Counter.builder("idempotency_keys_purged")
                .description("Idempotency-Key records deleted 24 hours after their request")
                .register(registry);
    }

    void start(@Observes StartupEvent started) {
        schedule.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        schedule.stop();
    }

    /** Deletes every expired key there is now, in batches; the number deleted. */
    public Uni<Long> purge() {
        return batches(0L);
    }

    private Uni<Long> batches(long sofar) {
        return pool.preparedQuery("select purge_expired_idempotency_keys($1)")
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    int deleted = rows.iterator().next().getInteger(0);
                    purged.increment(deleted);
                    long total = sofar + deleted;
                    if (deleted == BATCH && !schedule.stopped()) {
                        return batches(total);
                    }
                    if (total > 0) {
                        LOG.infof("purged %d expired idempotency keys", total);
                    }
                    return Uni.createFrom().item(total);
                });
    }
}
