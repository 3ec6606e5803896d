package org.clinic.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real Server-Sent Events client over HTTP (the JDK's), as a browser's fetch stream reads one. */
public final class SseClient implements AutoCloseable {

    public record Event(String id, String name, String data) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** When each comment arrived (a heartbeat's time, for the at-most-15-s rule). */
    private final List<java.time.Instant> commentTimes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.time.Instant openedAt = java.time.Instant.now();
    private volatile String retry;
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    private volatile java.time.Instant endedAt;
    /** How long {@link #take} then waits for an event that should not come. */
    private static final Duration QUIET = Duration.ofMillis(750);

    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Returns once the response headers have arrived (the subscription is live then, API.md §7). */
    public static SseClient open(URI uri, String token, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    public String retry() {
        return retry;
    }

    public List<String> comments() {
        return comments;
    }

    /** When each of {@link #comments()} arrived. */
    public List<java.time.Instant> commentTimes() {
        return commentTimes;
    }

    /** When the response headers arrived (the stream opened). */
    public java.time.Instant openedAt() {
        return openedAt;
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    commentTimes.add(java.time.Instant.now());
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n")
                            .append(line.substring(5).trim());
                } else if (line.startsWith("retry:")) {
                    retry = line.substring(6).trim();
                }
            }
        } catch (RuntimeException e) {
            // closed by the test, or cut by the server
        } finally {
            endedAt = java.time.Instant.now();
            ended.countDown();
        }
    }

    /** Whether the server ended the stream (or cut the connection) within {@code wait}. */
    public boolean awaitEnd(Duration wait) throws InterruptedException {
        return ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the stream has ended already (a test checks it is still open before what should end it). */
    public boolean ended() {
        return ended.getCount() == 0;
    }

    /** When the stream ended, or null while it is open. */
    public java.time.Instant endedAt() {
        return endedAt;
    }

    /** The next event, or null if none comes within {@code wait}. */
    public Event next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Exactly {@code n} events (each within {@code wait}), then none more for a short while: a duplicate (an event
     * delivered twice, say by two replicas) fails here.
     */
    public List<Event> take(int n, Duration wait) throws InterruptedException {
        List<Event> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event event = next(wait);
            if (event == null) {
                throw new AssertionError("expected " + n + " events, got " + taken);
            }
            taken.add(event);
        }
        Event extra = next(QUIET);
        if (extra != null) {
            throw new AssertionError("expected exactly " + n + " events, got one more: " + extra + " after " + taken);
        }
        return taken;
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
