package org.clinic.common.ops;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this process is in a graceful shutdown. SIGTERM starts the delay (readiness down, requests still served, so
 * the load balancer can notice); once the delay is over the process takes no new request ({@code HttpEdge} answers
 * 503), so the requests in flight are the last ones and each one finishes whole.
 */
@ApplicationScoped
public class ShutdownPhase {

    private final long delayNanos;
    private volatile long refuseFrom = Long.MAX_VALUE;

    ShutdownPhase(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delayNanos = delay.orElse(Duration.ZERO).toNanos();
    }

    void initiated(@Observes ShutdownDelayInitiatedEvent event) {
        refuseFrom = System.nanoTime() + delayNanos;
    }

    /** Whether a new request must be refused: the shutdown's delay is over. */
    public boolean refusingNewRequests() {
        long from = refuseFrom;
        return from != Long.MAX_VALUE && System.nanoTime() - from >= 0;
    }
}
