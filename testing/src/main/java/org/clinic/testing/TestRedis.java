package org.clinic.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * The Redis the tests use: {@code CLINIC_TEST_REDIS_URL} if set, else the one on 127.0.0.1:6379,
 * else (on a machine with only a JDK) a real redis-server started from the binary that
 * embedded-redis bundles, on a free port, for this JVM. CI sets
 * {@code CLINIC_TEST_REDIS_EMBEDDED=never}, so a Redis that should be there and isn't fails the
 * run instead of being replaced. Tests keep their keys apart with a prefix of their own.
 */
public final class TestRedis {

    private static final Logger LOG = Logger.getLogger(TestRedis.class);

    private static String url;
    private static RedisServer embedded;

    private TestRedis() {}

    public static synchronized String url() {
        if (url != null) {
            return url;
        }
        String configured = System.getenv("CLINIC_TEST_REDIS_URL");
        if (configured != null && !configured.isBlank()) {
            return url = configured;
        }
        if (reachable("127.0.0.1", 6379) || "never".equals(System.getenv("CLINIC_TEST_REDIS_EMBEDDED"))) {
            return url = "redis://127.0.0.1:6379";
        }
        int port = ServiceRunner.freePort();
        try {
            LOG.infof("no Redis on 127.0.0.1:6379: starting an embedded redis-server on %d", port);
            embedded = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            embedded.start();
        } catch (IOException e) {
            throw new UncheckedIOException("no Redis reachable and the embedded one did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.stop();
            } catch (IOException e) {
                // exiting anyway
            }
        }));
        return url = "redis://127.0.0.1:" + port;
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
