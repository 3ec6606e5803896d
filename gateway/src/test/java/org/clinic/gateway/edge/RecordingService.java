package org.clinic.gateway.edge;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for patients-service behind the gateway under test and writes down exactly what
 * reached it (method, path and query, headers, body), so a test can see what the gateway
 * forwards and that a refused request never arrived. It answers like a service: 201, a JSON
 * envelope, an {@code ETag}, its own {@code X-Request-ID} and CORS headers of its own (which the gateway must drop). doctors-service is a server that
 * never answers but writes down the request lines that reached it ({@link #hung()}), reached over one pooled
 * connection only; consultations-service is not listening at all.
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

    private static final BlockingQueue<String> HUNG = new LinkedBlockingQueue<>();

    private HttpServer server;
    private ServerSocket silent;

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
            // and (wrongly) lets its answers be cached: the gateway's no-store is the only Cache-Control
            // (ProxyEdgeTest)
            exchange.getResponseHeaders().add("Cache-Control", "max-age=3600");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        silent = hangingServer();
        return Map.of(
                "clinic.routing.patients-url",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "clinic.routing.doctors-url",
                "http://127.0.0.1:" + silent.getLocalPort(),
                // long enough for a test to see a second request queue behind a hung first
                "clinic.routing.idle-timeout",
                "3s",
                "clinic.routing.max-connections-per-service",
                "1",
                // a request queued behind the hung one waits for it (the pool wait's 503 is StreamBudgetTest's)
                "clinic.routing.pool-wait",
                "10s");
    }

    @Override
    public void stop() {
        server.stop(0);
        try {
            silent.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Accepts, reads and writes down each request line, never answers. */
    private static ServerSocket hangingServer() {
        ServerSocket hanging;
        try {
            hanging = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(
                () -> {
                    while (!hanging.isClosed()) {
                        try {
                            Socket socket = hanging.accept();
                            Thread reader = new Thread(() -> readLines(socket), "hanging-service-reader");
                            reader.setDaemon(true);
                            reader.start();
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "hanging-service");
        acceptor.setDaemon(true);
        acceptor.start();
        return hanging;
    }

    private static void readLines(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("GET ")
                        || line.startsWith("POST ")
                        || line.startsWith("PUT ")
                        || line.startsWith("PATCH ")
                        || line.startsWith("DELETE ")) {
                    HUNG.add(line);
                }
            }
        } catch (IOException e) {
            // the gateway gave up on it
        }
    }

    /** The request lines that reached the service that never answers, since {@link #clear()}. */
    public static List<String> hung() {
        return List.copyOf(HUNG);
    }

    /** Forget what arrived so far. */
    public static void clear() {
        RECEIVED.clear();
        HUNG.clear();
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
