package org.clinic.gateway.edge;

/**
 * One hourly limit a request counts against (API.md §5). {@code key} names the counter, e.g.
 * {@code rl:{c7}:clinic:7}; the part in braces is a Redis Cluster hash tag, so every counter
 * one request touches lives in one slot and one script can update them together.
 */
public record Limit(String scope, String key, int perHour) {

    public static final String ANONYMOUS = "anonymous";
    public static final String USER = "user";
    public static final String CLINIC = "clinic";
}
