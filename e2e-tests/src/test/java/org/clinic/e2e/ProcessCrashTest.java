package org.clinic.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.ServiceRunner;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 27's proof: a clinic's day of keyed writes (a patient, their check-in, a consultation for the visit, a
 * prescription with medicines) goes on while each of the four processes is killed with SIGKILL once and started again.
 * Every write is retried with its key, as API.md §1 tells clients to, on a 5xx, a 409, a 429 or a connection that
 * dropped, until it is answered 201. Then everything is read back through the gateway: every acknowledged record
 * exists exactly once and nothing else does, every retry got the first answer (none stranded on a 409), no visit is
 * in consultation without its consultation, and token and record numbers have no duplicates (tokens no gaps). The
 * suite runs here as processes of this test's own, so killing them touches no other test.
 */
class ProcessCrashTest {

    private static final int WRITERS = 3;
    /** How long one write may take to be answered 201, retries included, while processes die and come back. */
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(90);

    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final Map<String, ServiceRunner> processes = new HashMap<>();
    private static String gateway;

    @BeforeAll
    static void startTheSuite() {
        int gatewayPort = ServiceRunner.freePort();
        int patientsPort = ServiceRunner.freePort();
        int doctorsPort = ServiceRunner.freePort();
        int consultationsPort = ServiceRunner.freePort();
        String patientsUrl = "http://127.0.0.1:" + patientsPort;
        String doctorsUrl = "http://127.0.0.1:" + doctorsPort;
        String consultationsUrl = "http://127.0.0.1:" + consultationsPort;
        processes.put(
                "gateway",
                ServiceRunner.gateway(gatewayPort)
                        .env("CLINIC_OUTBOX_RELAY_INTERVAL", "1s")
                        .env("CLINIC_PATIENTS_URL", patientsUrl)
                        .env("CLINIC_DOCTORS_URL", doctorsUrl)
                        .env("CLINIC_CONSULTATIONS_URL", consultationsUrl)
                        .start());
        gateway = processes.get("gateway").url();
        processes.put(
                "patients-service",
                new ServiceRunner("patients-service", patientsPort)
                        .env("CLINIC_DOCTORS_URL", doctorsUrl)
                        .env("CLINIC_CONSULTATIONS_URL", consultationsUrl)
                        .start());
        processes.put(
                "doctors-service",
                new ServiceRunner("doctors-service", doctorsPort)
                        .env("CLINIC_GATEWAY_URL", gateway)
                        .env("CLINIC_PATIENTS_URL", patientsUrl)
                        .start());
        processes.put(
                "consultations-service",
                new ServiceRunner("consultations-service", consultationsPort)
                        .env("CLINIC_PATIENTS_URL", patientsUrl)
                        .env("CLINIC_DOCTORS_URL", doctorsUrl)
                        .start());
    }

    @AfterAll
    static void stop() {
        for (String module : List.of("consultations-service", "doctors-service", "patients-service", "gateway")) {
            ServiceRunner runner = processes.get(module);
            if (runner != null) {
                runner.stop();
            }
        }
    }

    /** What the writers were answered: each key's 201 bodies (more than one when an answer was lost and retried). */
    private static final class Ledger {
        /** Writes answered 201 after an attempt that got no answer, a 5xx, a 409 or a 429. */
        final AtomicInteger answeredAfterAFailure = new AtomicInteger();

        final Set<Long> patients = ConcurrentHashMap.newKeySet();
        final Set<Long> visits = ConcurrentHashMap.newKeySet();
        final Set<Long> consultations = ConcurrentHashMap.newKeySet();
        final Set<Long> prescriptions = ConcurrentHashMap.newKeySet();
        final AtomicInteger attemptsRetried = new AtomicInteger();
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    }

    private record Staff(long clinic, long doctorId, Account receptionist, Account doctor) {}

    @Test
    void aClinicDayOfKeyedWritesSurvivesEachProcessBeingKilled() throws Exception {
        GatewayAccounts accounts = GatewayAccounts.on(gateway);
        long clinic = accounts.clinic();
        Account admin = accounts.user(clinic, "admin");
        Account doctor = accounts.user(clinic, "doctor");
        Account receptionist = accounts.user(clinic, "receptionist");
        long doctorId = doctorProfile(clinic, admin, doctor);
        Staff staff = new Staff(clinic, doctorId, receptionist, doctor);

        Ledger ledger = new Ledger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int round = 0; running.get(); round++) {
                    clinicDay(staff, "W" + writer + "R" + round, ledger);
                }
                return null;
            }));
        }
        try {
            Thread.sleep(2_000);
            // each process once, while the writers go on: the services first, then the gateway itself
            for (String module : List.of("consultations-service", "doctors-service", "patients-service", "gateway")) {
                ServiceRunner runner = processes.get(module);
                runner.kill(); // SIGKILL: no shutdown hook, no drain, transactions cut wherever they were
                Thread.sleep(500);
                runner.start();
                Thread.sleep(2_000);
            }
        } finally {
            running.set(false);
            pool.shutdown();
        }
        assertTrue(pool.awaitTermination(3, TimeUnit.MINUTES), "the writers did not finish");
        for (Future<?> writer : writers) {
            writer.get(); // a writer's own failure (a write never answered 201) fails the test here
        }
        System.out.printf(
                "ProcessCrashTest: %d clinic days, %d patients, %d visits, %d consultations, %d prescriptions,"
                        + " %d attempts retried, %d writes answered after a failed attempt%n",
                ledger.prescriptions.size(),
                ledger.patients.size(),
                ledger.visits.size(),
                ledger.consultations.size(),
                ledger.prescriptions.size(),
                ledger.attemptsRetried.get(),
                ledger.answeredAfterAFailure.get());
        assertTrue(ledger.unexpected.isEmpty(), () -> "answers no client should get: " + ledger.unexpected);
        assertTrue(
                ledger.answeredAfterAFailure.get() > 0,
                "no write had to be retried: the kills reached no request, the test proved nothing");
        assertTrue(ledger.prescriptions.size() >= WRITERS, "too few clinic days completed to prove anything");

        // a retry that did its work again (its first attempt committed, its answer lost) would leave a record no
        // client was answered with: each list below must be exactly what the writers were told
        Account reader = admin;
        List<Map<String, Object>> patients = list(clinic, "patients/", reader);
        assertEquals(ledger.patients, ids(patients), "the clinic's patients are exactly those acknowledged");
        assertEquals(
                patients.size(),
                patients.stream().map(p -> p.get("patient_id")).distinct().count(),
                "a medical record number was given twice");

        List<Map<String, Object>> visits = list(clinic, "visits/", reader);
        assertEquals(ledger.visits, ids(visits), "the clinic's visits are exactly those acknowledged");
        List<Integer> tokens = visits.stream()
                .map(v -> ((Number) v.get("token_number")).intValue())
                .sorted()
                .toList();
        List<Integer> expectedTokens = new ArrayList<>();
        for (int t = 1; t <= visits.size(); t++) {
            expectedTokens.add(t);
        }
        assertEquals(expectedTokens, tokens, "token numbers are 1..n, each once");

        List<Map<String, Object>> consultations = list(clinic, "consultations/", reader);
        assertEquals(ledger.consultations, ids(consultations), "the consultations are exactly those acknowledged");
        Map<Long, Long> consultationsPerVisit = consultations.stream()
                .collect(Collectors.groupingBy(c -> ((Number) c.get("visit")).longValue(), Collectors.counting()));
        for (Map<String, Object> visit : visits) {
            long id = ((Number) visit.get("id")).longValue();
            if ("in_consultation".equals(visit.get("status"))) {
                assertEquals(
                        1L,
                        consultationsPerVisit.getOrDefault(id, 0L),
                        () -> "visit " + id + " is in consultation without exactly one consultation");
            }
        }
        consultationsPerVisit.forEach((visit, count) -> assertEquals(1L, count, "visit " + visit + " consultations"));

        List<Map<String, Object>> prescriptions = list(clinic, "prescriptions/", reader);
        assertEquals(ledger.prescriptions, ids(prescriptions), "the prescriptions are exactly those acknowledged");
        for (Map<String, Object> prescription : prescriptions) {
            assertEquals(
                    2,
                    ((List<?>) prescription.get("medicines")).size(),
                    () -> "a prescription without all its medicines: " + prescription);
        }
    }

    /**
     * A doctor renamed while doctors-service is down, and the gateway then killed before anything could tell it: the
     * rename's outbox row was committed with it, so once both are back the relay delivers it and the profile shows
     * the new name, audited in doctors-service as the admin's change.
     */
    @Test
    void aRenameReachesTheDoctorsProfileThoughDoctorsServiceAndThenTheGatewayDied() throws Exception {
        GatewayAccounts accounts = GatewayAccounts.on(gateway);
        long clinic = accounts.clinic();
        Account admin = accounts.user(clinic, "admin");
        Account doctor = accounts.user(clinic, "doctor");
        long doctorId = doctorProfile(clinic, admin, doctor);
        ServiceRunner doctors = processes.get("doctors-service");
        ServiceRunner gatewayProcess = processes.get("gateway");
        doctors.kill();
        try {
            HttpResponse<String> renamed = rename(clinic, doctor.id(), admin, "Kavya", "Menon");
            assertEquals(200, renamed.statusCode(), renamed::body);
            gatewayProcess.kill(); // whatever it still meant to do is gone with it
        } finally {
            doctors.start();
        }
        gatewayProcess.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String name = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> profile = send(
                    to(clinic, "doctors/" + doctorId + "/", admin.token()).GET().build());
            name = profile.statusCode() == 200 ? JsonPath.from(profile.body()).getString("data.user_name") : null;
            if ("Kavya Menon".equals(name)) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals("Kavya Menon", name, "the rename never reached the doctor's profile");
        // the row goes once doctors-service's answer is back, a moment after the profile changed
        long rows = -1;
        while (System.nanoTime() < deadline + Duration.ofSeconds(10).toNanos()) {
            rows = outboxRows(gatewayProcess, doctor.id());
            if (rows == 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(0, rows, "the delivered rename is still in the outbox");
        // the relay's kind of token (act: gateway) is good for nothing else at the gateway
        HttpResponse<String> elsewhere =
                send(to(clinic, "doctors/" + doctorId + "/", TestTokens.onBehalfOf(clinic, admin.id(), "admin"))
                        .GET()
                        .build());
        assertEquals(401, elsewhere.statusCode(), elsewhere::body);
        List<Map<String, Object>> events = list(clinic, "audit-events/", admin);
        assertTrue(
                events.stream()
                        .anyMatch(e -> "doctor".equals(e.get("resource_type"))
                                && "update".equals(e.get("action"))
                                && ((Number) e.get("resource_id")).longValue() == doctorId
                                && ((Number) e.get("actor_id")).longValue() == admin.id()),
                () -> "the profile's update is not audited as the admin's: " + events);
    }

    /**
     * API.md §9: an export whose worker (the gateway) dies holding its lease while the writer of its file
     * (patients-service) is mid-transaction, and then the writer too. The dead writer's file was never stored (a file
     * commits whole or not at all); once both are back, another claim takes the export over when the lease runs out
     * and it completes with one whole file of every live patient.
     */
    @Test
    void anExportResumesThoughItsWorkerAndItsWriterDiedMidFile() throws Exception {
        GatewayAccounts accounts = GatewayAccounts.on(gateway);
        long clinic = accounts.clinic();
        Account admin = accounts.user(clinic, "admin");
        Account receptionist = accounts.user(clinic, "receptionist");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> patient = send(post(
                    clinic,
                    "patients/",
                    receptionist,
                    "{\"patient_name\":\"Export " + i
                            + "\",\"date_of_birth\":\"1980-02-14\",\"gender\":\"F\",\"phone_number\":\"9876501234\"}",
                    UUID.randomUUID().toString()));
            assertEquals(201, patient.statusCode(), patient::body);
        }
        ServiceRunner patients = processes.get("patients-service");
        ServiceRunner gatewayProcess = processes.get("gateway");
        long exportId;
        try (java.sql.Connection db = patients.connect();
                java.sql.Statement statement = db.createStatement();
                java.sql.Connection watch = patients.connect();
                java.sql.Statement activity = watch.createStatement()) {
            // the writer reads every patient, stores its piece, and then waits here to store the file's row
            db.setAutoCommit(false);
            statement.execute("lock table export_file in share mode");
            HttpResponse<String> started = send(post(
                    clinic,
                    "exports/",
                    admin,
                    "{\"resources\":[\"patients\"]}",
                    UUID.randomUUID().toString()));
            assertEquals(202, started.statusCode(), started::body);
            exportId = JsonPath.from(started.body()).getLong("data.id");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean waiting = false;
            while (!waiting && System.nanoTime() < deadline) {
                // from a connection of its own, outside any transaction: a transaction sees one snapshot of the view
                try (java.sql.ResultSet rows = activity.executeQuery("select count(*) from pg_stat_activity"
                        + " where wait_event_type = 'Lock' and query like 'insert into export_file%'")) {
                    rows.next();
                    waiting = rows.getInt(1) > 0;
                }
                Thread.sleep(50);
            }
            assertTrue(waiting, "the export's file was never being written");
            gatewayProcess.kill(); // the worker dies holding the export's lease
            patients.kill(); // and the writer with its file's transaction open
            db.rollback();
        }
        try (java.sql.Connection db = patients.connect();
                java.sql.Statement statement = db.createStatement();
                java.sql.ResultSet rows =
                        statement.executeQuery("select (select count(*) from export_file where export_id = " + exportId
                                + ")," + " (select count(*) from export_chunk where export_id = " + exportId + ")")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "a file whose writer died was stored");
            assertEquals(0, rows.getInt(2), "a piece of a file whose writer died was stored");
        }
        patients.start();
        gatewayProcess.start();

        // the lease (30 s) runs out, a claim takes the export over and writes the file again, whole
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonPath export = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = send(
                    to(clinic, "exports/" + exportId + "/", admin.token()).GET().build());
            assertEquals(200, answer.statusCode(), answer::body);
            export = JsonPath.from(answer.body());
            if (!List.of("queued", "running").contains(export.getString("data.status"))) {
                break;
            }
            Thread.sleep(250);
        }
        JsonPath resumed = export;
        assertEquals(
                "completed",
                resumed.getString("data.status"),
                () -> "the export did not resume: " + resumed.prettify());
        assertEquals(3, resumed.getInt("data.files[0].count"));
        HttpResponse<String> file = send(to(clinic, "exports/" + exportId + "/files/patients.ndjson", admin.token())
                .GET()
                .build());
        assertEquals(200, file.statusCode(), file::body);
        assertEquals(3, file.body().split("\n").length, file::body);
        try (java.sql.Connection db = patients.connect();
                java.sql.Statement statement = db.createStatement();
                java.sql.ResultSet rows =
                        statement.executeQuery("select count(*) from export_file where export_id = " + exportId)) {
            rows.next();
            assertEquals(1, rows.getInt(1), "the export's file was written twice");
        }
    }

    /**
     * The rename and its outbox row are one transaction: when the row cannot be written (here a trigger refuses it),
     * the rename is not kept either, so no rename can commit that the relay would never deliver.
     */
    @Test
    void aRenameWhoseOutboxRowFailsIsNotKept() throws Exception {
        GatewayAccounts accounts = GatewayAccounts.on(gateway);
        long clinic = accounts.clinic();
        Account admin = accounts.user(clinic, "admin");
        Account doctor = accounts.user(clinic, "doctor");
        ServiceRunner gatewayProcess = processes.get("gateway");
        try (java.sql.Connection db = gatewayProcess.connect();
                java.sql.Statement statement = db.createStatement()) {
            statement.execute("create or replace function test_refuse_outbox() returns trigger language plpgsql as $$"
                    + " begin raise exception 'outbox refused by the test'; end $$");
            statement.execute("create trigger test_refuse_outbox before insert or update on outbox"
                    + " for each row execute function test_refuse_outbox()");
        }
        try {
            HttpResponse<String> renamed = rename(clinic, doctor.id(), admin, "Never", "Kept");
            assertTrue(renamed.statusCode() >= 500, renamed::body);
        } finally {
            try (java.sql.Connection db = gatewayProcess.connect();
                    java.sql.Statement statement = db.createStatement()) {
                statement.execute("drop trigger if exists test_refuse_outbox on outbox");
                statement.execute("drop function if exists test_refuse_outbox()");
            }
        }
        HttpResponse<String> user = send(
                to(clinic, "users/" + doctor.id() + "/", admin.token()).GET().build());
        assertEquals(200, user.statusCode(), user::body);
        assertEquals("Test", JsonPath.from(user.body()).getString("data.first_name"));
        assertEquals("doctor", JsonPath.from(user.body()).getString("data.last_name"));
    }

    private static long outboxRows(ServiceRunner gatewayProcess, long userId) throws Exception {
        try (java.sql.Connection db = gatewayProcess.connect();
                java.sql.Statement statement = db.createStatement();
                java.sql.ResultSet left =
                        statement.executeQuery("select count(*) from outbox where subject_id = " + userId)) {
            left.next();
            return left.getLong(1);
        }
    }

    /** One patient's day at the desk and with the doctor; stops early only when the writers are told to. */
    private static void clinicDay(Staff staff, String name, Ledger ledger) throws Exception {
        JsonPath patient = created(
                staff.clinic(),
                "patients/",
                staff.receptionist(),
                "{\"patient_name\":\"Crash " + name
                        + "\",\"date_of_birth\":\"1980-02-14\",\"gender\":\"F\",\"phone_number\":\"9876501234\"}",
                ledger);
        long patientId = patient.getLong("data.id");
        ledger.patients.add(patientId);
        JsonPath visit = created(
                staff.clinic(),
                "patients/" + patientId + "/check_in/",
                staff.receptionist(),
                "{\"purpose\":\"Fever\",\"doctor\":" + staff.doctorId() + "}",
                ledger);
        long visitId = visit.getLong("data.visit_id");
        ledger.visits.add(visitId);
        JsonPath consultation = created(
                staff.clinic(),
                "consultations/",
                staff.doctor(),
                "{\"patient\":" + patientId + ",\"visit\":" + visitId + ",\"chief_complaint\":\"Fever\"}",
                ledger);
        long consultationId = consultation.getLong("data.id");
        ledger.consultations.add(consultationId);
        JsonPath prescription = created(
                staff.clinic(),
                "prescriptions/",
                staff.doctor(),
                "{\"patient\":" + patientId + ",\"consultation\":" + consultationId + ",\"medicines\":["
                        + medicine("Paracetamol") + "," + medicine("Cetirizine") + "]}",
                ledger);
        ledger.prescriptions.add(prescription.getLong("data.id"));
    }

    private static String medicine(String name) {
        return "{\"medicine_name\":\"" + name + "\",\"dosage\":\"500 mg\",\"frequency\":\"twice a day\","
                + "\"duration\":\"3 days\",\"route\":\"oral\",\"quantity\":6,\"refills_allowed\":0}";
    }

    /**
     * POSTs with a fresh key, retrying with the same key on what a client is told to retry (a 5xx, a 409, a 429, no
     * answer) until a 201; any other answer is wrong. Each 201 body is kept under its key.
     */
    private static JsonPath created(long clinic, String path, Account as, String body, Ledger ledger)
            throws InterruptedException {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + WRITE_DEADLINE.toNanos();
        String last = "nothing";
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            if (attempt > 0) {
                ledger.attemptsRetried.incrementAndGet();
                Thread.sleep(200);
            }
            HttpResponse<String> answer;
            try {
                answer = send(post(clinic, path, as, body, key));
            } catch (IOException noAnswer) {
                last = noAnswer.toString();
                continue;
            }
            int status = answer.statusCode();
            if (status == 201) {
                if (attempt > 0) {
                    ledger.answeredAfterAFailure.incrementAndGet();
                }
                return JsonPath.from(answer.body());
            }
            last = status + " " + answer.body();
            if (status >= 500 || status == 409 || status == 429) {
                continue;
            }
            ledger.unexpected.add(path + ": " + last);
            throw new AssertionError("POST " + path + " answered " + last);
        }
        throw new AssertionError("POST " + path + " with key " + key + " never got its 201; last: " + last);
    }

    private static HttpRequest post(long clinic, String path, Account as, String body, String key) {
        return to(clinic, path, as.token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The doctor's profile, made by the admin: its id. */
    private static long doctorProfile(long clinic, Account admin, Account doctor) throws Exception {
        HttpResponse<String> created = send(post(
                clinic,
                "doctors/",
                admin,
                "{\"user\":" + doctor.id() + ",\"license_number\":\"L-" + UUID.randomUUID() + "\"}",
                UUID.randomUUID().toString()));
        assertEquals(201, created.statusCode(), created::body);
        return JsonPath.from(created.body()).getLong("data.id");
    }

    /** PATCH users/{id}/ with a new first and last name. */
    private static HttpResponse<String> rename(long clinic, long user, Account as, String first, String last)
            throws IOException, InterruptedException {
        return send(to(clinic, "users/" + user + "/", as.token())
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"first_name\":\"" + first + "\",\"last_name\":\"" + last + "\"}"))
                .build());
    }

    /** A request to a path of the clinic's, with a token. */
    private static HttpRequest.Builder to(long clinic, String path, String token) {
        return HttpRequest.newBuilder(URI.create(gateway + "/api/v1/clinics/" + clinic + "/" + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Every page of a list, read through the gateway. */
    private static List<Map<String, Object>> list(long clinic, String path, Account as) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> answer = send(to(clinic, path + "?page_size=200&page=" + page, as.token())
                    .GET()
                    .build());
            assertEquals(200, answer.statusCode(), answer::body);
            JsonPath body = JsonPath.from(answer.body());
            all.addAll(body.getList("data"));
            if (page >= body.getInt("pagination.total_pages")) {
                return all;
            }
        }
    }

    private static Set<Long> ids(List<Map<String, Object>> records) {
        return records.stream().map(r -> ((Number) r.get("id")).longValue()).collect(Collectors.toSet());
    }
}
