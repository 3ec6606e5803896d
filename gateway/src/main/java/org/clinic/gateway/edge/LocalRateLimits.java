package org.clinic.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The in-process store: one Bucket4j token bucket per counter (capacity = the hourly limit,
 * refilled evenly over the hour), for an install without Redis and as each replica's fallback
 * while Redis is unreachable. A request is admitted only if every bucket it counts against has a
 * token, and then takes one from each (under one lock, so the decision is all-or-nothing).
 */
final class LocalRateLimits {

    private static final Duration HOUR = Duration.ofHours(1);

    private final Cache<String, Bucket> buckets =
            Caffeine.newBuilder().expireAfterAccess(HOUR).maximumSize(200_000).build();

    synchronized Decision check(List<Limit> limits) {
        Bucket[] chosen = new Bucket[limits.size()];
        Decision refused = null;
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            // the limit is part of the key, so a clinic's new override starts a bucket of its own
            chosen[i] = buckets.get(limit.key() + "#" + limit.perHour(), k -> newBucket(limit.perHour()));
            EstimationProbe probe = chosen[i].estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                long retry = seconds(probe.getNanosToWaitForRefill());
                refused = Decision.tightest(
                        refused, new Decision(false, limit, 0, resetSeconds(limit, 0), Math.max(1, retry)));
            }
        }
        if (refused != null) {
            return refused;
        }
        Decision tightest = null;
        for (int i = 0; i < limits.size(); i++) {
            ConsumptionProbe probe = chosen[i].tryConsumeAndReturnRemaining(1);
            Limit limit = limits.get(i);
            long remaining = probe.getRemainingTokens();
            tightest = Decision.tightest(
                    tightest, new Decision(true, limit, remaining, resetSeconds(limit, remaining), 0));
        }
        return tightest;
    }

    private static Bucket newBucket(int perHour) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perHour).refillGreedy(perHour, HOUR))
                .build();
    }

    /** Seconds until the bucket is full again. */
    private static long resetSeconds(Limit limit, long remaining) {
        long missing = limit.perHour() - remaining;
        return (missing * HOUR.toSeconds() + limit.perHour() - 1) / limit.perHour();
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    private final java.util.Map<String, java.util.Set<String>> streams = new java.util.concurrent.ConcurrentHashMap<>();

    /** This replica's open streams of a holder (a user, a clinic): a known lease stays, a new one only below {@code max}. */
    boolean lease(String holder, String lease, int max) {
        java.util.Set<String> open =
                streams.computeIfAbsent(holder, id -> java.util.concurrent.ConcurrentHashMap.newKeySet());
        synchronized (open) {
            if (open.contains(lease)) {
                return true;
            }
            if (open.size() >= max) {
                return false;
            }
            return open.add(lease);
        }
    }

    /** A lease admitted elsewhere (Redis) that this replica holds: it counts if this replica has to count alone. */
    void hold(String holder, String lease) {
        java.util.Set<String> open =
                streams.computeIfAbsent(holder, id -> java.util.concurrent.ConcurrentHashMap.newKeySet());
        synchronized (open) {
            open.add(lease);
        }
    }

    void unlease(String holder, String lease) {
        java.util.Set<String> open = streams.get(holder);
        if (open != null) {
            synchronized (open) {
                open.remove(lease);
            }
        }
    }
}
