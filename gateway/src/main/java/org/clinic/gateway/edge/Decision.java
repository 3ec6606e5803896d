package org.clinic.gateway.edge;

/**
 * The outcome of counting one request: whether it may pass, and the figures of the tightest
 * limit for the {@code RateLimit-*} headers (API.md §5). When refused, {@code limit} is the limit
 * that refused and {@code retryAfterSeconds} when it will admit again.
 */
public record Decision(boolean allowed, Limit limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** Of several limits' outcomes, the one a client should heed. */
    static Decision tightest(Decision a, Decision b) {
        if (a == null) {
            return b;
        }
        if (a.allowed != b.allowed) {
            return a.allowed ? b : a;
        }
        if (!a.allowed) {
            return b.retryAfterSeconds > a.retryAfterSeconds ? b : a;
        }
        if (a.remaining != b.remaining) {
            return b.remaining < a.remaining ? b : a;
        }
        return b.resetSeconds > a.resetSeconds ? b : a;
    }
}
