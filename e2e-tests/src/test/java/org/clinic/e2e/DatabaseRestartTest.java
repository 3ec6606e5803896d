package org.clinic.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under write load (API.md §1, issue 23): every write through the gateway either succeeds or
 * answers 503 in the envelope with {@code Retry-After}, in the gateway and in every service, never a 500; the
 * suite serves writes again once the database is back, and nothing acknowledged is lost. The suite runs here on a
 * PostgreSQL server of this test's own (a real one, zonky's binaries), so stopping it touches no other test.
 */
class DatabaseRestartTest {

    private static final Duration DOWN_FOR = Duration.ofSeconds(3);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final int WRITERS = 4;
    /** The writes, each landing first in another process's database (a doctor's update: doctors-service). */
    private static final List<String> KINDS = List.of("patient", "check_in", "doctor", "test_report", "user");

    private static Path data;
    private static int postgresPort;
    private static volatile EmbeddedPostgres postgres;
    private static final List<ServiceRunner> processes = new ArrayList<>();
    private static String gateway;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What one write was answered. */
    private record Answer(String kind, long at, int status, String retryAfter, String body) {}

    @BeforeAll
    static void startTheSuiteOnItsOwnPostgres() throws IOException {
        data = ServiceRunner.target().resolve("restart-pg-" + UUID.randomUUID());
        postgresPort = ServiceRunner.freePort(); // outside the ephemeral range: it restarts on this port
        postgres = startPostgres();
        int gatewayPort = ServiceRunner.freePort();
        int patientsPort = ServiceRunner.freePort();
        int doctorsPort = ServiceRunner.freePort();
        int consultationsPort = ServiceRunner.freePort();
        String patientsUrl = "http://127.0.0.1:" + patientsPort;
        String doctorsUrl = "http://127.0.0.1:" + doctorsPort;
        String consultationsUrl = "http://127.0.0.1:" + consultationsPort;
        processes.add(ServiceRunner.gateway(gatewayPort)
                .onServer("127.0.0.1", postgresPort)
                // the account check before forwarding reads the database often, so the outage reaches it too
                .env("CLINIC_ACCOUNT_STATUS_CACHE_TTL", "1s")
                .env("CLINIC_PATIENTS_URL", patientsUrl)
                .env("CLINIC_DOCTORS_URL", doctorsUrl)
                .env("CLINIC_CONSULTATIONS_URL", consultationsUrl)
                .start());
        gateway = processes.get(0).url();
        processes.add(new ServiceRunner("patients-service", patientsPort)
                .onServer("127.0.0.1", postgresPort)
                .env("CLINIC_DOCTORS_URL", doctorsUrl)
                .env("CLINIC_CONSULTATIONS_URL", consultationsUrl)
                .start());
        processes.add(new ServiceRunner("doctors-service", doctorsPort)
                .onServer("127.0.0.1", postgresPort)
                .env("CLINIC_GATEWAY_URL", gateway)
                .env("CLINIC_PATIENTS_URL", patientsUrl)
                .start());
        processes.add(new ServiceRunner("consultations-service", consultationsPort)
                .onServer("127.0.0.1", postgresPort)
                .env("CLINIC_PATIENTS_URL", patientsUrl)
                .env("CLINIC_DOCTORS_URL", doctorsUrl)
                .start());
    }

    @AfterAll
    static void stop() throws IOException {
        Collections.reverse(processes);
        processes.forEach(ServiceRunner::stop);
        if (postgres != null) {
            postgres.close();
        }
        if (data != null && Files.isDirectory(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /** On this test's data directory (a new one, so the first start makes the cluster); stopping keeps it. */
    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(postgresPort)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                // the binaries from the class path's first copy: in the reactor, devdb's jar lists a second one
                // (its manifest's lib/), which zonky's own resolver refuses as a duplicate
                .setPgBinaryResolver((system, architecture) -> DatabaseRestartTest.class.getResourceAsStream(
                        "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + architecture + ".txz"))
                .setRegisterShutdownHook(true)
                .start();
    }

    @Test
    void writesWhilePostgresqlRestartsAnswer503WithRetryAfterAndNeverA500() throws Exception {
        Staff staff = staff();
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> acknowledgedPatients = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                go.await();
                int round = 0;
                java.util.Deque<Long> toCheckIn = new java.util.ArrayDeque<>();
                while (running.get()) {
                    write(staff, writer, round++, toCheckIn, answers, acknowledgedPatients);
                }
                return null;
            });
        }
        go.countDown();
        Thread.sleep(2_000);
        long stoppedAt = System.currentTimeMillis();
        postgres.close(); // pg_ctl stop -m fast: sessions cut (57P01), new ones refused while it stops (57P03)
        Thread.sleep(DOWN_FOR.toMillis());
        postgres = startPostgres();
        long restartedAt = System.currentTimeMillis();
        // load goes on until every kind of write succeeded again after the restart, or RECOVERY passed
        long deadline = restartedAt + RECOVERY.toMillis();
        while (System.currentTimeMillis() < deadline && !recovered(answers, restartedAt)) {
            Thread.sleep(250);
        }
        Thread.sleep(500);
        running.set(false);
        writers.shutdown();
        assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS), "the writers did not finish");

        List<Answer> all = List.copyOf(answers);
        List<Answer> wrong =
                all.stream().filter(a -> !succeeded(a) && a.status() != 503).toList();
        assertTrue(wrong.isEmpty(), () -> "answers other than success and 503: " + summary(wrong));
        List<Answer> unavailable = all.stream().filter(a -> a.status() == 503).toList();
        assertFalse(
                unavailable.stream().noneMatch(a -> a.at() >= stoppedAt),
                "no write was answered while PostgreSQL was down: the test proved nothing");
        for (Answer answer : unavailable) {
            assertTrue(
                    answer.retryAfter() != null && Integer.parseInt(answer.retryAfter()) > 0,
                    () -> "a 503 without Retry-After: " + answer);
            JsonPath body = JsonPath.from(answer.body());
            assertEquals(false, body.getBoolean("success"), answer::toString);
            assertEquals(null, (Object) body.get("data"), answer::toString);
            assertEquals(null, (Object) body.get("errors"), answer::toString);
            assertEquals(4, body.getMap("").size(), answer::toString);
            String message = body.getString("message").toLowerCase(Locale.ROOT);
            for (String internal : List.of("postgres", "sql", "127.0.0.1", "exception", "5432", "pgexception")) {
                assertFalse(message.contains(internal), () -> "a 503 names an internal: " + answer);
            }
        }
        assertTrue(
                recovered(all, restartedAt),
                () -> "some kind of write never succeeded again after the restart: "
                        + summary(
                                all.stream().filter(a -> a.at() >= restartedAt).toList()));
        // nothing acknowledged was lost: every patient answered 201 is there, once
        for (Map.Entry<String, Long> patient : acknowledgedPatients.entrySet()) {
            HttpResponse<String> read = send(get(
                    "/api/v1/clinics/" + staff.clinic() + "/patients/" + patient.getValue() + "/", staff.reception()));
            assertEquals(200, read.statusCode(), () -> "acknowledged patient lost: " + patient);
            assertEquals(patient.getKey(), JsonPath.from(read.body()).getString("data.patient_name"));
        }
        HttpResponse<String> list = send(
                get("/api/v1/clinics/" + staff.clinic() + "/patients/?search=restart-&page_size=1", staff.reception()));
        assertTrue(JsonPath.from(list.body()).getInt("pagination.count") >= acknowledgedPatients.size(), list::body);
    }

    /**
     * One write of the writer's next kind, each landing in another process's database: a patient
     * (patients-service), a check-in of the writer's last acknowledged patient (patients-service, then
     * doctors-service), a test report (consultations-service), a user (the gateway).
     */
    private static void write(
            Staff staff,
            int writer,
            int round,
            java.util.Deque<Long> toCheckIn,
            List<Answer> answers,
            Map<String, Long> acknowledgedPatients) {
        String clinic = "/api/v1/clinics/" + staff.clinic() + "/";
        String kind = KINDS.get(round % KINDS.size());
        String name = "restart-" + writer + "-" + round;
        HttpRequest request;
        switch (kind) {
            case "patient" ->
                request = post(
                        clinic + "patients/",
                        staff.reception(),
                        "{\"patient_name\":\"" + name + "\",\"date_of_birth\":\"1980-02-14\",\"gender\":\"M\","
                                + "\"phone_number\":\"9876501234\"}");
            case "check_in" -> {
                Long patient = toCheckIn.pollLast();
                if (patient == null) {
                    return; // this writer's last patient was not acknowledged
                }
                toCheckIn.clear(); // each patient is checked in once: a second open visit today would be a 409
                request = post(
                        clinic + "patients/" + patient + "/check_in/",
                        staff.reception(),
                        "{\"purpose\":\"" + name + "\"}");
            }
            case "test_report" ->
                request = post(
                        clinic + "test-reports/",
                        staff.doctor(),
                        "{\"patient\":" + staff.patient() + ",\"test_name\":\"" + name + "\"}");
            case "doctor" ->
                request = HttpRequest.newBuilder(URI.create(gateway + clinic + "doctors/"
                                + staff.doctorIds().get(writer) + "/"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + staff.admin())
                        .method(
                                "PATCH",
                                HttpRequest.BodyPublishers.ofString("{\"experience_years\":" + round % 70 + "}"))
                        .build();
            case "user" ->
                request = post(
                        clinic + "users/",
                        staff.admin(),
                        "{\"username\":\"" + name + "-"
                                + UUID.randomUUID().toString().substring(0, 6) + "\",\"password\":\""
                                + GatewayAccounts.PASSWORD + "\",\"role\":\"receptionist\"}");
            default -> throw new IllegalArgumentException(kind);
        }
        long at = System.currentTimeMillis();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answers.add(new Answer(
                    kind,
                    at,
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.body()));
            if ("patient".equals(kind) && response.statusCode() == 201) {
                long id = JsonPath.from(response.body()).getLong("data.id");
                acknowledgedPatients.put(name, id);
                toCheckIn.add(id);
            }
        } catch (IOException e) {
            answers.add(new Answer(kind, at, -1, null, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** 201 for a create, 200 for the doctor's update. */
    private static boolean succeeded(Answer answer) {
        return answer.status() == ("doctor".equals(answer.kind()) ? 200 : 201);
    }

    private static boolean recovered(List<Answer> answers, long since) {
        List<Answer> after;
        synchronized (answers) {
            after = answers.stream()
                    .filter(a -> a.at() >= since && succeeded(a))
                    .toList();
        }
        return after.stream().map(Answer::kind).distinct().count() == KINDS.size();
    }

    private static String summary(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(a -> a.kind() + " " + a.status(), Collectors.counting()))
                + " e.g. " + answers.stream().limit(3).map(Answer::toString).toList();
    }

    /** A clinic with its three staff roles, a doctor profile per writer and a patient for test reports. */
    private record Staff(
            long clinic, String admin, String doctor, String reception, List<Long> doctorIds, long patient) {}

    private static Staff staff() throws Exception {
        String superuser = login(GatewayProcess.SUPERUSER, GatewayProcess.SUPERUSER_PASSWORD);
        long clinic =
                id(send(post("/api/v1/clinics/", superuser, "{\"name\":\"Restart clinic\",\"timezone\":\"UTC\"}")));
        String base = "/api/v1/clinics/" + clinic + "/";
        Map<String, String> tokens = new ConcurrentHashMap<>();
        Map<String, Long> ids = new ConcurrentHashMap<>();
        for (String role : List.of("admin", "doctor", "receptionist")) {
            String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
            ids.put(
                    role,
                    id(send(post(
                            base + "users/",
                            superuser,
                            "{\"username\":\"" + username + "\",\"password\":\"" + GatewayAccounts.PASSWORD
                                    + "\",\"role\":\"" + role + "\",\"first_name\":\"Test\",\"last_name\":\"" + role
                                    + "\"}"))));
            tokens.put(role, login(username, GatewayAccounts.PASSWORD));
        }
        // a doctor profile per writer: two updates of one profile at once would rightly answer 409
        List<Long> doctorIds = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            long user = w == 0
                    ? ids.get("doctor")
                    : id(send(post(
                            base + "users/",
                            superuser,
                            "{\"username\":\"doctor-"
                                    + UUID.randomUUID().toString().substring(0, 8)
                                    + "\",\"password\":\"" + GatewayAccounts.PASSWORD
                                    + "\",\"role\":\"doctor\",\"first_name\":\"Doctor\",\"last_name\":\"" + w
                                    + "\"}")));
            doctorIds.add(id(send(post(
                    base + "doctors/",
                    tokens.get("admin"),
                    "{\"user\":" + user + ",\"license_number\":\"L-" + UUID.randomUUID() + "\"}"))));
        }
        long patient = id(send(post(
                base + "patients/",
                tokens.get("receptionist"),
                "{\"patient_name\":\"Tested\",\"date_of_birth\":\"1980-02-14\",\"gender\":\"F\","
                        + "\"phone_number\":\"9876501234\"}")));
        return new Staff(
                clinic, tokens.get("admin"), tokens.get("doctor"), tokens.get("receptionist"), doctorIds, patient);
    }

    private static String login(String username, String password) throws Exception {
        HttpResponse<String> response = send(post(
                "/api/v1/auth/token/", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        assertEquals(200, response.statusCode(), response::body);
        return JsonPath.from(response.body()).getString("data.access");
    }

    private static long id(HttpResponse<String> created) {
        assertEquals(201, created.statusCode(), created::body);
        return JsonPath.from(created.body()).getLong("data.id");
    }

    private static HttpRequest post(String path, String token, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
