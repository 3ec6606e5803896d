package org.clinic.common.ops;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A background pass a replica runs every {@code interval} (the idempotency purge, the outbox relay): the next pass is
 * scheduled only when the last has ended, so passes never overlap; a pass that fails is logged and the next one runs
 * on time; one that has not ended within {@code longest} is given up, so a hung pass never stops the schedule.
 */
public final class Periodic {

    private final Vertx vertx;
    private final Duration interval;
    private final Duration longest;
    private final Supplier<Uni<?>> pass;
    private final Logger log;
    private final String what;
    private volatile long timer = -1;
    private volatile boolean stopped;

    public Periodic(Vertx vertx, Duration interval, Duration longest, String what, Logger log, Supplier<Uni<?>> pass) {
        this.vertx = vertx;
        this.interval = interval;
        this.longest = longest;
        this.what = what;
        this.log = log;
        this.pass = pass;
    }

    public void start() {
        schedule();
    }

    /** No pass starts after this; one under way finishes its current step. */
    public void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    public boolean stopped() {
        return stopped;
    }

    private void schedule() {
        if (stopped) {
            return;
        }
        timer = vertx.setTimer(interval.toMillis(), id -> Uni.createFrom()
                .deferred(pass)
                .ifNoItem()
                .after(longest)
                .fail()
                .subscribe()
                .with(done -> schedule(), failure -> {
                    log.warnf("%s failed, trying again in %s: %s", what, interval, failure);
                    schedule();
                }));
    }
}
