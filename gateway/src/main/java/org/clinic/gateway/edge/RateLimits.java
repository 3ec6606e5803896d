package org.clinic.gateway.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.clinic.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * Counts a request against its limits (API.md §5) in the configured store: Redis when
 * {@code REDIS_URL} is set (limits hold across replicas), else in process. When Redis fails or
 * is slower than {@code clinic.rate-limit.redis-timeout}, this replica counts locally for a few
 * seconds before trying Redis again, and {@code gateway_rate_limit_fallback_total} rises (or,
 * with {@code RATE_LIMIT_FAIL_CLOSED=true}, requests are refused with 503 instead).
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);
    private static final long RETRY_REDIS_AFTER_NANOS = Duration.ofSeconds(5).toNanos();

    /** Redis could not be asked and the install refuses rather than count locally. */
    public static final class StoreUnavailable extends RuntimeException {
        StoreUnavailable(Throwable cause) {
            super("rate-limit store unavailable", cause, false, false);
        }
    }

    private final LocalRateLimits local = new LocalRateLimits();
    private final RedisRateLimits redis;
    private final boolean failClosed;
    private final String keyPrefix;
    private static final Duration REDIS_WARM_UP = Duration.ofSeconds(3);

    private final Duration redisTimeout;
    private final AtomicLong redisRetryAt = new AtomicLong();
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final Counter fallbacks;

    public RateLimits(GatewayConfig config, Vertx vertx, MeterRegistry registry) {
        GatewayConfig.RateLimit settings = config.rateLimit();
        this.redis =
                settings.redisUrl().map(url -> new RedisRateLimits(vertx, url)).orElse(null);
        this.failClosed = settings.failClosed();
        this.keyPrefix = settings.keyPrefix();
        this.redisTimeout = settings.redisTimeout();
        this.fallbacks = Counter.builder("gateway.rate.limit.fallback")
                .description("Requests counted by a replica's local store because Redis was unreachable")
                .register(registry);
        registry.gauge("gateway.rate.limit.redis.available", this, limits -> limits.redisAvailable() ? 1 : 0);
        if (redis == null) {
            LOG.info("Rate limits are counted in process (REDIS_URL is not set): they hold per replica only.");
        }
    }

    public boolean shared() {
        return redis != null;
    }

    boolean redisAvailable() {
        return redis != null && !redisDown.get();
    }

    public Uni<Decision> check(List<Limit> limits) {
        if (redis == null) {
            return Uni.createFrom().item(() -> local.check(limits));
        }
        if (redisDown.get() && System.nanoTime() - redisRetryAt.get() < 0) {
            return fallback(limits, null);
        }
        return redis.check(limits)
                .ifNoItem()
                .after(redisTimeout)
                .fail()
                .invoke(() -> {
                    if (redisDown.compareAndSet(true, false)) {
                        LOG.info("Redis answers again: rate limits are shared across replicas again.");
                    }
                })
                .onFailure()
                .recoverWithUni(failure -> {
                    redisRetryAt.set(System.nanoTime() + RETRY_REDIS_AFTER_NANOS);
                    if (redisDown.compareAndSet(false, true)) {
                        LOG.warnf(
                                "Redis is unreachable (%s): %s",
                                failure.getClass().getSimpleName(),
                                failClosed ? "refusing requests (fail closed)" : "counting per replica for now");
                    }
                    return fallback(limits, failure);
                });
    }

    private Uni<Decision> fallback(List<Limit> limits, Throwable failure) {
        if (failClosed) {
            return Uni.createFrom().failure(new StoreUnavailable(failure));
        }
        fallbacks.increment();
        return Uni.createFrom().item(() -> local.check(limits));
    }

    /**
     * Admits (or renews) one open event stream of a holder (API.md §7: a user, at most 5 at a time; a clinic, at most
     * {@code clinic.routing.max-streams-per-clinic}): across every replica when Redis is shared, each lease expiring
     * after {@code ttl} unless renewed (a crashed replica's leases lapse); in process otherwise, or while Redis does not
     * answer. A holder is {@code u<id>} or {@code c<id>}: its Redis key is its own hash slot.
     */
    public Uni<Boolean> leaseStream(String holder, String lease, int max, Duration ttl) {
        if (redis == null || redisDown.get() && System.nanoTime() - redisRetryAt.get() < 0) {
            return Uni.createFrom().item(() -> local.lease(holder, lease, max));
        }
        return redis.lease(streamsKey(holder), lease, max, ttl.toMillis())
                .ifNoItem()
                .after(redisTimeout)
                .fail()
                // this replica's own leases are known locally too: while Redis does not answer, the local count
                // starts from them, not from nothing (a burst of stream opens that outran the Redis timeout let a
                // clinic past its cap, bench/results/fairness-2026-12-04-after.md)
                .invoke(admitted -> {
                    if (admitted) {
                        local.hold(holder, lease);
                    }
                })
                .onFailure()
                .recoverWithItem(failure -> local.lease(holder, lease, max));
    }

    public Uni<Void> releaseStream(String holder, String lease) {
        local.unlease(holder, lease);
        if (redis == null) {
            return Uni.createFrom().voidItem();
        }
        return redis.unlease(streamsKey(holder), lease)
                .ifNoItem()
                .after(redisTimeout)
                .fail()
                .onFailure()
                .recoverWithNull();
    }

    private String streamsKey(String holder) {
        return keyPrefix + ":{" + holder + "}:streams";
    }

    /** Opens the Redis connection at start (bounded); Redis down at start only logs: requests fall back as usual. */
    void warmUp(@Observes StartupEvent event) {
        if (redis == null) {
            return;
        }
        try {
            redis.prepare().await().atMost(REDIS_WARM_UP);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Redis did not answer at start (%s): requests will %s until it does",
                    e.getClass().getSimpleName(), failClosed ? "be refused" : "be counted per replica");
        }
    }

    void close(@Observes ShutdownEvent event) {
        if (redis != null) {
            redis.close();
        }
    }
}
