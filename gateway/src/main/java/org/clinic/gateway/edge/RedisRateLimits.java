package org.clinic.gateway.edge;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The shared store: every replica counts in one Redis, one round trip per request (an
 * {@code EVALSHA} of {@code ratelimit/gcra.lua}, which checks and advances all of the request's
 * counters atomically). The script is sent whole only when Redis does not know it yet.
 */
final class RedisRateLimits {

    private static final String SCRIPT = load();
    private static final String SHA = sha1(SCRIPT);

    private final Redis client;
    private final RedisAPI redis;

    RedisRateLimits(Vertx vertx, String url) {
        RedisOptions options = new RedisOptions()
                .setConnectionString(url)
                .setMaxPoolSize(16)
                .setMaxPoolWaiting(1024)
                .setMaxWaitingHandlers(4096);
        options.getNetClientOptions().setConnectTimeout(1000);
        this.client = Redis.createClient(vertx, options);
        this.redis = RedisAPI.api(client);
    }

    Uni<Decision> check(List<Limit> limits) {
        return redis.evalsha(arguments(SHA, limits))
                .onFailure(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.eval(arguments(SCRIPT, limits)))
                .map(response -> decide(limits, response));
    }

    /**
     * Connects and loads the script, so that a new replica's first requests do not pay for the connection
     * and the script's first compilation inside the per-request timeout.
     */
    Uni<Void> prepare() {
        return redis.script(List.of("LOAD", SCRIPT)).replaceWithVoid();
    }

    void close() {
        client.close();
    }

    /**
     * Takes or renews a stream lease in the user's set of open streams (members: lease ids, scores: expiry in ms):
     * expired leases are dropped first, a known lease is renewed, a new one is admitted only below {@code max}.
     */
    private static final String LEASE = "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])\n"
            + "if redis.call('ZSCORE', KEYS[1], ARGV[4]) == false"
            + " and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end\n"
            + "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])\n"
            + "redis.call('PEXPIRE', KEYS[1], ARGV[5])\n"
            + "return 1";

    Uni<Boolean> lease(String key, String lease, int max, long ttlMillis) {
        long now = System.currentTimeMillis();
        return redis.eval(List.of(
                        LEASE,
                        "1",
                        key,
                        String.valueOf(now),
                        String.valueOf(now + ttlMillis),
                        String.valueOf(max),
                        lease,
                        String.valueOf(ttlMillis)))
                .map(response -> response.toLong() == 1);
    }

    Uni<Void> unlease(String key, String lease) {
        return redis.zrem(List.of(key, lease)).replaceWithVoid();
    }

    private static List<String> arguments(String script, List<Limit> limits) {
        List<String> args = new ArrayList<>(2 + 2 * limits.size());
        args.add(script);
        args.add(String.valueOf(limits.size()));
        limits.forEach(limit -> args.add(limit.key()));
        limits.forEach(limit -> args.add(String.valueOf(limit.perHour())));
        return args;
    }

    private static Decision decide(List<Limit> limits, Response response) {
        boolean admitted = response.get(0).toLong() == 1;
        Decision tightest = null;
        for (int i = 0; i < limits.size(); i++) {
            long remaining = response.get(1 + 3 * i).toLong();
            long reset = seconds(response.get(2 + 3 * i).toLong());
            long retry = seconds(response.get(3 + 3 * i).toLong());
            boolean refusedHere = retry > 0;
            if (admitted || refusedHere) {
                tightest = Decision.tightest(
                        tightest, new Decision(admitted, limits.get(i), remaining, reset, admitted ? 0 : retry));
            }
        }
        return tightest;
    }

    private static long seconds(long micros) {
        return (micros + 999_999) / 1_000_000;
    }

    private static String load() {
        try (InputStream in = RedisRateLimits.class.getResourceAsStream("/ratelimit/gcra.lua")) {
            if (in == null) {
                throw new IllegalStateException("ratelimit/gcra.lua is missing from the gateway's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
