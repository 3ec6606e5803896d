package org.clinic.common.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.clinic.common.config.IdempotencySettings;
import org.clinic.common.ops.DefinerPurge;
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
    static final int BATCH = DefinerPurge.BATCH;

    private final DefinerPurge purge;

    public IdempotencyPurge(Pool pool, Vertx vertx, MeterRegistry registry, IdempotencySettings settings) {
        this.purge = new DefinerPurge(
                pool,
                vertx,
                registry,
                settings.purgeInterval(),
                "purge_expired_idempotency_keys",
                "expired idempotency keys",
                Counter.builder("idempotency_keys_purged")
                        .description("Idempotency-Key records deleted 24 hours after their request"),
                LOG);
    }

    void start(@Observes StartupEvent started) {
        purge.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        purge.stop();
    }

    /** Deletes every expired key there is now, in batches; the number deleted. */
    public Uni<Long> purge() {
        return purge.purge();
    }
}
