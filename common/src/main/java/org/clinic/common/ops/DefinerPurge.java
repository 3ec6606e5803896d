package org.clinic.common.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import org.clinic.common.persistence.NotTenantScoped;
import org.jboss.logging.Logger;

/**
 * A scheduled purge of every clinic's expired rows through a database function of the kernel's migrations that runs as
 * the owner role ({@code SECURITY DEFINER}), sees expired rows only, and returns only how many it deleted: the
 * run-time role, which sees one clinic at a time, can thereby purge every clinic and read none. Called every
 * {@code interval} in batches until a batch comes back short; replicas running at once skip each other's rows
 * ({@code SKIP LOCKED} in the function). A failed run is logged and tried again at the next interval.
 */
@NotTenantScoped("calls a definer function that deletes every clinic's expired rows and returns only a count")
public final class DefinerPurge {

    public static final int BATCH = 1000;

    private final Pool pool;
    private final String function;
    private final String what;
    private final Logger log;
    private final Counter purged;
    private final Periodic schedule;

    /**
     * @param function the definer function, taking a batch size and returning the rows it deleted
     * @param what what it purges, for logs ("expired idempotency keys")
     */
    public DefinerPurge(
            Pool pool,
            Vertx vertx,
            MeterRegistry registry,
            Duration interval,
            String function,
            String what,
            Counter.Builder metric,
            Logger log) {
        this.pool = pool;
        this.function = function;
        this.what = what;
        this.log = log;
        this.purged = metric.register(registry);
        this.schedule = new Periodic(vertx, interval, interval.plusMinutes(5), "purging " + what, log, this::purge);
    }

    public void start() {
        schedule.start();
    }

    public void stop() {
        schedule.stop();
    }

    /** Deletes every expired row there is now, in batches; the number deleted. */
    public Uni<Long> purge() {
        return batches(0L);
    }

    private Uni<Long> batches(long sofar) {
        return pool.preparedQuery("select " + function + "($1)")
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    int deleted = rows.iterator().next().getInteger(0);
                    purged.increment(deleted);
                    long total = sofar + deleted;
                    if (deleted == BATCH && !schedule.stopped()) {
                        return batches(total);
                    }
                    if (total > 0) {
                        log.infof("purged %d %s", total, what);
                    }
                    return Uni.createFrom().item(total);
                });
    }
}
