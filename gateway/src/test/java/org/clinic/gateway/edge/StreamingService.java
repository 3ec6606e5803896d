package org.clinic.gateway.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for all three services behind the gateway under test, as a service answers: a path ending in
 * {@code /stream/} is an event stream (headers at once, a heartbeat every 200 ms, open until the gateway lets go), a
 * request with {@code ?hang} is answered only after 10 s, anything else at once with a small envelope. Small pools
 * ({@link #settings()}) let a test fill them.
 */
public class StreamingService implements QuarkusTestResourceLifecycleManager {

    /** Request connections per service, stream connections per service, streams per clinic, pool wait. */
    static final int REQUEST_POOL = 2;

    static final int STREAM_POOL = 5;
    static final int CLINIC_STREAMS = 3;
    static final int POOL_WAIT_MILLIS = 1_000;

    private static final AtomicInteger OPEN = new AtomicInteger();

    private HttpServer server;
    private ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "streaming-service");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", StreamingService::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return settings(url);
    }

    private static Map<String, String> settings(String url) {
        return Map.of(
                "clinic.routing.patients-url",
                url,
                "clinic.routing.doctors-url",
                url,
                "clinic.routing.consultations-url",
                url,
                "clinic.routing.max-connections-per-service",
                String.valueOf(REQUEST_POOL),
                "clinic.routing.max-stream-connections-per-service",
                String.valueOf(STREAM_POOL),
                "clinic.routing.max-streams-per-clinic",
                String.valueOf(CLINIC_STREAMS),
                "clinic.routing.pool-wait",
                POOL_WAIT_MILLIS + "ms");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        exchange.getRequestBody().readAllBytes();
        if (path.endsWith("/stream/")) {
            stream(exchange);
            return;
        }
        if (query != null && query.contains("hang")) {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer =
                "{\"success\":true,\"message\":\"OK\",\"data\":[],\"errors\":null}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException e) {
            // the gateway gave up on it
        }
        exchange.close();
    }

    private static void stream(HttpExchange exchange) {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        OPEN.incrementAndGet();
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, 0);
            while (true) {
                out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException e) {
            // the gateway let go of the stream
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            OPEN.decrementAndGet();
            exchange.close();
        }
    }

    /** Streams the service holds open right now. */
    static int open() {
        return OPEN.get();
    }

    @Override
    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }
}
