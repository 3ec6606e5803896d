package org.clinic.gateway.edge;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.clinic.testing.SilentServer;

/**
 * Stands in for patients-service behind the gateway under test and writes down exactly what
 * reached it (method, path and query, headers, body), so a test can see what the gateway
 * forwards and that a refused request never arrived. It answers like a service: 201, a JSON
 * envelope, an {@code ETag}, its own {@code X-Request-ID} and CORS headers of its own (which the gateway must drop). doctors-service is a server that
 * never answers; consultations-service is not listening at all.
 */
public class RecordingService implements QuarkusTestResourceLifecycleManager {

    public record Received(String method, String uri, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : String.join(",", values);
        }
    }

    private static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private HttpServer server;
    private final SilentServer silent = new SilentServer();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
            RECEIVED.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    headers,
                    new String(body, StandardCharsets.UTF_8)));
            COUNT.incrementAndGet();
            byte[] answer = "{\"success\":true,\"message\":\"Recorded\",\"data\":{\"echo\":true},\"errors\":null}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            exchange.getResponseHeaders().add("X-Request-ID", "set-by-the-service");
            // a service that (wrongly) speaks CORS itself: only the gateway may (CorsTest)
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.getResponseHeaders().add("Access-Control-Allow-Credentials", "true");
            exchange.getResponseHeaders().add("Vary", "Accept-Encoding");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        silent.start();
        return Map.of(
                "clinic.routing.patients-url",
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                "clinic.routing.doctors-url", "http://127.0.0.1:" + silent.port(),
                "clinic.routing.idle-timeout", "1s");
    }

    @Override
    public void stop() {
        server.stop(0);
        silent.stop();
    }

    /** Forget what arrived so far. */
    public static void clear() {
        RECEIVED.clear();
        COUNT.set(0);
    }

    /** How many requests have arrived since {@link #clear()}. */
    public static int count() {
        return COUNT.get();
    }

    /** The next request that arrived (waits up to 5 s). */
    public static Received next() throws InterruptedException {
        Received received = RECEIVED.poll(5, TimeUnit.SECONDS);
        if (received == null) {
            throw new AssertionError("nothing reached the service");
        }
        return received;
    }
}
