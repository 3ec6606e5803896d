package org.clinic.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.ServiceRunner;
import org.clinic.testing.SseClient;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM, as Kubernetes sends it: readiness goes down first while requests are still served for the delay, then the
 * process finishes what is in flight, and exits 0. Writers keep posting patients throughout; every patient the service
 * stored is one a writer got its 201 for (no answer lost, nothing half-written), and a request whose body was still
 * arriving when the shutdown began completes.
 */
class GracefulShutdownTest {

    private static final long CLINIC = 4242;
    private static final Duration DELAY = Duration.ofSeconds(2);

    @Test
    void requestsInFlightDuringSigtermAllComplete() throws Exception {
        ServiceRunner patients = new ServiceRunner("patients-service")
                .env("SHUTDOWN_DELAY", DELAY.toSeconds() + "s")
                .env("SHUTDOWN_TIMEOUT", "20s")
                .start();
        String token = TestTokens.clinicUser(CLINIC, 7, "receptionist");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            assertEquals(201, post(patients.port(), token, "Warm Up").status());

            // a request whose body is still on its way when the shutdown starts
            byte[] slowBody = body("Slow Upload").getBytes(StandardCharsets.UTF_8);
            Socket slow = new Socket("127.0.0.1", patients.port());
            slow.setSoTimeout(30_000);
            OutputStream slowOut = slow.getOutputStream();
            slowOut.write(head(token, slowBody.length).getBytes(StandardCharsets.US_ASCII));
            slowOut.write(slowBody, 0, 10);
            slowOut.flush();

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sigtermAt = new AtomicLong(Long.MAX_VALUE);
            Set<String> answered201 = ConcurrentHashMap.newKeySet();
            AtomicInteger createdAfterSigterm = new AtomicInteger();
            AtomicInteger refusedAfterDelay = new AtomicInteger();
            List<String> unexpected = new ArrayList<>();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String name = "Writer" + writer + " Patient" + i;
                        long sent = System.nanoTime();
                        Answer answer;
                        try {
                            answer = post(patients.port(), token, name);
                        } catch (ConnectException refused) {
                            return; // the server has stopped listening: nothing was in flight
                        } catch (CutAnswer cut) {
                            // an answer begun and not finished is never right, whenever it happens
                            synchronized (unexpected) {
                                unexpected.add(cut.getMessage() + " for " + name);
                            }
                            continue;
                        } catch (IOException noAnswer) {
                            // no byte of an answer: a connection the closing listener never took, which can only
                            // happen once the delay is over (the database then says it stored nothing for it)
                            if (sent - sigtermAt.get() <= DELAY.toNanos()) {
                                synchronized (unexpected) {
                                    unexpected.add("no answer while still serving, for " + name + ": " + noAnswer);
                                }
                            }
                            continue;
                        }
                        // the delay began when the process got the signal, after sigtermAt: a refusal is right only
                        // if it came after the delay could have ended (a request sent just before then may arrive
                        // after it on a busy machine, so the answer's time decides, not the sending's)
                        boolean afterDelay = System.nanoTime() - sigtermAt.get() > DELAY.toNanos();
                        if (answer.status() == 503 && afterDelay) {
                            refusedAfterDelay.incrementAndGet();
                            continue; // taking no new request once the delay is over: refused whole, never cut
                        }
                        if (answer.status() == 201) {
                            answered201.add(name);
                            if (sent > sigtermAt.get()) {
                                createdAfterSigterm.incrementAndGet();
                            }
                        } else {
                            synchronized (unexpected) {
                                unexpected.add(answer.status() + " " + answer.body());
                            }
                        }
                    }
                }));
            }
            Thread.sleep(300);

            sigtermAt.set(System.nanoTime());
            CompletableFuture<Integer> exit =
                    CompletableFuture.supplyAsync(() -> patients.terminate(Duration.ofSeconds(40)));

            // readiness goes down at once, while the service still answers
            assertTrue(readinessGoesDown(patients.port()), "readiness did not go down after SIGTERM");
            Thread.sleep(DELAY.toMillis() + 500);

            // the delay is over: the shutdown waits for the request still in flight; its body arrives now
            slowOut.write(slowBody, 10, slowBody.length - 10);
            slowOut.flush();
            Answer slowAnswer = read(slow.getInputStream());
            slow.close();

            int exitCode = exit.get(60, TimeUnit.SECONDS);
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }

            assertEquals(201, slowAnswer.status(), slowAnswer.body());
            assertEquals(0, exitCode, "exit code after SIGTERM");
            assertTrue(unexpected.isEmpty(), "answers other than 201: " + unexpected);
            assertTrue(createdAfterSigterm.get() > 0, "no request was served during the shutdown delay");
            Set<String> stored = storedNames(patients);
            Set<String> answered = new HashSet<>(answered201);
            answered.add("Warm Up");
            answered.add("Slow Upload");
            Set<String> storedWithoutAnswer = new HashSet<>(stored);
            storedWithoutAnswer.removeAll(answered);
            Set<String> answeredNotStored = new HashSet<>(answered);
            answeredNotStored.removeAll(stored);
            assertEquals(Set.of(), storedWithoutAnswer, "stored, but the answer was lost");
            assertEquals(Set.of(), answeredNotStored, "answered 201, but not stored");
        } finally {
            pool.shutdownNow();
            patients.stop();
        }
    }

    @Test
    void openEventStreamsEndAtSigtermInsteadOfHoldingUpTheShutdown() throws Exception {
        int gatewayPort = ServiceRunner.freePort();
        int doctorsPort = ServiceRunner.freePort();
        // the shutdown would wait up to 30 s for requests in flight: open streams must not make it
        ServiceRunner gateway = ServiceRunner.gateway(gatewayPort)
                .env("CLINIC_DOCTORS_URL", "http://127.0.0.1:" + doctorsPort)
                .env("SHUTDOWN_DELAY", "1s")
                .env("SHUTDOWN_TIMEOUT", "30s");
        ServiceRunner doctors = new ServiceRunner("doctors-service", doctorsPort)
                .env("CLINIC_GATEWAY_URL", "http://127.0.0.1:" + gatewayPort)
                .env("SHUTDOWN_DELAY", "1s")
                .env("SHUTDOWN_TIMEOUT", "30s");
        try {
            gateway.start();
            doctors.start();
            // this test's own gateway, named on each call: the run's stays as it is for the tests after this one
            GatewayAccounts own = GatewayAccounts.on(gateway.url());
            long clinic = own.clinic();
            GatewayAccounts.Account desk = own.user(clinic, "receptionist");
            String path = "/api/v1/clinics/" + clinic + "/visits/stream/";
            SseClient direct = SseClient.open(URI.create(doctors.url() + path), desk.token(), null);
            SseClient throughGateway = SseClient.open(URI.create(gateway.url() + path), desk.token(), null);
            assertEquals(200, direct.status());
            assertEquals(200, throughGateway.status());
            assertFalse(throughGateway.awaitEnd(Duration.ofMillis(500)), "the stream is open");

            endsItsStreamsAndExitsAtSigterm(gateway, throughGateway);
            endsItsStreamsAndExitsAtSigterm(doctors, direct);
        } finally {
            doctors.stop();
            gateway.stop();
        }
    }

    /** SIGTERM: the stream ends at once, and the process exits 0 well before its 30 s SHUTDOWN_TIMEOUT. */
    private static void endsItsStreamsAndExitsAtSigterm(ServiceRunner process, SseClient stream) throws Exception {
        long started = System.nanoTime();
        CompletableFuture<Integer> exit =
                CompletableFuture.supplyAsync(() -> process.terminate(Duration.ofSeconds(60)));
        assertTrue(stream.awaitEnd(Duration.ofSeconds(5)), "the stream did not end: " + process.log());
        assertEquals(0, exit.get(60, TimeUnit.SECONDS));
        assertTrue(
                Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(15)) < 0,
                "waited for its open stream instead of ending it: " + process.log());
    }

    private static boolean readinessGoesDown(int port) throws InterruptedException {
        long deadline = System.nanoTime() + DELAY.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(port, "/q/health/ready").status() == 503) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static Set<String> storedNames(ServiceRunner patients) throws Exception {
        Set<String> names = new HashSet<>();
        try (Connection c = patients.connect();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select patient_name from patient where clinic_id = " + CLINIC)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private record Answer(int status, String body) {}

    private static String body(String name) {
        return "{\"patient_name\":\"" + name + "\",\"date_of_birth\":\"1980-02-02\",\"gender\":\"M\","
                + "\"phone_number\":\"9876501234\"}";
    }

    private static String head(String token, int length) {
        return "POST /api/v1/clinics/" + CLINIC + "/patients/ HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\n"
                + "Connection: close\r\n\r\n";
    }

    /** One request on its own connection, so a closing keep-alive connection cannot be mistaken for a cut. */
    private static Answer post(int port, String token, String name) throws IOException {
        byte[] body = body(name).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(token, body.length).getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer get(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return read(socket.getInputStream());
        }
    }

    /** An answer that began and was cut short. */
    private static final class CutAnswer extends IOException {
        CutAnswer(String message) {
            super(message);
        }
    }

    /** The whole answer (the server closes the connection after it); an answer cut short is a {@link CutAnswer}. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ")) {
            throw new IOException("no answer");
        }
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new CutAnswer("answer cut in its head");
        }
        String head = text.substring(0, headEnd);
        String body = text.substring(headEnd + 4);
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).trim());
                if (body.getBytes(StandardCharsets.UTF_8).length < length) {
                    throw new CutAnswer("answer cut in its body");
                }
            }
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), body);
    }
}
