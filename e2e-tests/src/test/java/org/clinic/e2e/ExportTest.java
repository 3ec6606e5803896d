package org.clinic.e2e;

import static org.clinic.testing.GatewayAccounts.asSuperuser;
import static org.clinic.testing.GatewayAccounts.newClinic;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.Race;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API.md §9: a clinic's data export, through the gateway, written by the processes that own each resource, read back
 * line by line against what the API answers for each record.
 */
class ExportTest {

    private static World world;

    @BeforeAll
    static void suite() {
        Suite.start();
        world = World.create();
    }

    private static String exports(long clinic) {
        return "/api/v1/clinics/" + clinic + "/exports/";
    }

    private static Response start(Account admin, Map<String, ?> body) {
        return World.as(admin).body(body).post(exports(admin.clinicId()));
    }

    /** The export, once it is no longer queued or running (30 s at most). */
    static JsonPath finished(Account admin, long id) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonPath export = World.as(admin)
                    .get(exports(admin.clinicId()) + id + "/")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String status = export.getString("data.status");
            if (!"queued".equals(status) && !"running".equals(status)) {
                return export;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("export " + id + " still " + status + " after 30 s");
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long created(Response answer) {
        answer.then().statusCode(202);
        return answer.jsonPath().getLong("data.id");
    }

    private static List<String> lines(String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        assertEquals("", lines.remove(lines.size() - 1), "a file ends with a line end");
        return lines;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anExportOfPatientsReadsBackAsTheApiAnswersEachOne() throws Exception {
        long second = world.newPatient();
        long gone = world.newPatient();
        World.as(world.admin())
                .delete("/api/v1/clinics/{c}/patients/{p}/", world.clinic(), gone)
                .then()
                .statusCode(204);

        Response answer = start(world.admin(), Map.of("resources", List.of("patients")));
        long id = created(answer);
        assertThat(answer.header("Location"), endsWith(exports(world.clinic()) + id + "/"));
        assertThat(answer.jsonPath().getString("data.status"), equalTo("queued"));
        assertThat(answer.jsonPath().getList("data.resources"), contains("patients"));
        assertThat(
                answer.jsonPath().getLong("data.requested_by"),
                equalTo(world.admin().id()));

        JsonPath export = finished(world.admin(), id);
        assertThat(export.getString("data.status"), equalTo("completed"));
        assertThat(export.getString("data.started_at"), notNullValue());
        assertThat(export.getString("data.expires_at"), notNullValue());
        Map<String, Object> file = export.getMap("data.files[0]");
        assertThat(file.get("resource"), equalTo("patients"));
        assertThat(file.get("url"), equalTo(exports(world.clinic()) + id + "/files/patients.ndjson"));

        Response download = World.as(world.admin()).get(exports(world.clinic()) + id + "/files/patients.ndjson");
        download.then().statusCode(200);
        assertThat(download.contentType(), equalTo("application/x-ndjson"));
        String slug = asSuperuser()
                .get("/api/v1/clinics/{c}/", world.clinic())
                .then()
                .extract()
                .jsonPath()
                .getString("data.slug");
        assertThat(
                download.header("Content-Disposition"),
                equalTo("attachment; filename=\"" + slug + "-export-" + id + "-patients.ndjson\""));
        byte[] bytes = download.asByteArray();
        String sha = sha256(bytes);
        assertThat(file.get("sha256"), equalTo(sha));
        assertThat(download.header("ETag"), equalTo("\"" + sha + "\""));
        assertThat(((Number) file.get("bytes")).longValue(), equalTo((long) bytes.length));

        // a client that asks for NDJSON by name gets the same bytes, at the schema's spelling (a trailing slash) too
        byte[] asked = World.as(world.admin())
                .accept("application/x-ndjson")
                .get(exports(world.clinic()) + id + "/files/patients.ndjson/")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(sha256(asked), equalTo(sha));

        // every line is the patient as GET patients/{id}/ answers it, in id order, and exactly the patients listed
        List<String> lines = lines(new String(bytes, StandardCharsets.UTF_8));
        assertThat(((Number) file.get("count")).intValue(), equalTo(lines.size()));
        List<Long> ids = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> exported = JsonPath.from(line).getMap("");
            long patient = ((Number) exported.get("id")).longValue();
            ids.add(patient);
            Map<String, Object> single = World.as(world.admin())
                    .get("/api/v1/clinics/{c}/patients/{p}/", world.clinic(), patient)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap("data");
            assertThat(exported, equalTo(single));
        }
        List<Long> listed = World.as(world.admin())
                .get("/api/v1/clinics/{c}/patients/?page_size=200", world.clinic())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("data.id", Long.class);
        assertThat(ids, containsInAnyOrder(listed.toArray()));
        assertThat(ids, equalTo(ids.stream().sorted().toList()));
        assertThat(ids, hasItem(second));
        assertThat(ids.contains(gone), is(false));

        // the export and each of its two downloads are audited as the admin's
        JsonPath audit = World.as(world.admin())
                .get("/api/v1/clinics/{c}/audit-events/?resource_type=export&resource_id={id}", world.clinic(), id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(audit.getList("data.action"), containsInAnyOrder("export", "download", "download"));
        assertThat(
                audit.getList("data.actor_id", Long.class),
                everyItem(equalTo(world.admin().id())));
        assertThat(audit.getList("data.changes.flatten()"), hasItem("patients"));
    }

    @Test
    void anExportOfEveryResourceReadsBackAsEachRecordsSingleGet() throws Exception {
        long id = created(start(world.admin(), Map.of()));
        JsonPath export = finished(world.admin(), id);
        assertThat(export.getString("data.status"), equalTo("completed"));
        Map<String, String> paths = Map.of(
                "patients", "patients",
                "doctors", "doctors",
                "visits", "visits",
                "consultations", "consultations",
                "prescriptions", "prescriptions",
                "test_reports", "test-reports");
        Map<String, Long> ours = Map.of(
                "patients", world.patient(),
                "doctors", world.doctorId(),
                "visits", world.visit(),
                "consultations", world.consultation(),
                "prescriptions", world.prescription(),
                "test_reports", world.testReport());
        assertThat(
                export.getList("data.resources"),
                contains(
                        "patients",
                        "doctors",
                        "visits",
                        "consultations",
                        "prescriptions",
                        "test_reports",
                        "users",
                        "audit_events"));
        List<String> all = new ArrayList<>(paths.keySet());
        all.add("users");
        all.add("audit_events");
        assertThat(export.getList("data.files.resource"), containsInAnyOrder(all.toArray()));
        for (String resource : paths.keySet()) {
            Response download =
                    World.as(world.admin()).get(exports(world.clinic()) + id + "/files/" + resource + ".ndjson");
            download.then().statusCode(200);
            byte[] bytes = download.asByteArray();
            assertThat(resource, download.header("ETag"), equalTo("\"" + sha256(bytes) + "\""));
            List<Long> ids = new ArrayList<>();
            for (String line : lines(new String(bytes, StandardCharsets.UTF_8))) {
                Map<String, Object> exported = JsonPath.from(line).getMap("");
                long record = ((Number) exported.get("id")).longValue();
                ids.add(record);
                Map<String, Object> single = World.as(world.admin())
                        .get("/api/v1/clinics/{c}/" + paths.get(resource) + "/{id}/", world.clinic(), record)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getMap("data");
                assertThat(resource + " " + record, exported, equalTo(single));
            }
            assertThat(resource, ids, hasItem(ours.get(resource)));
            assertThat(resource, ids, equalTo(ids.stream().sorted().toList()));
        }
    }

    /** Every audit event of the clinic as {@code audit-events/} lists it, by id (the list merges all four processes). */
    private static Map<Long, Map<String, Object>> auditTrail(Account admin) {
        Map<Long, Map<String, Object>> events = new java.util.TreeMap<>();
        for (int page = 1; ; page++) {
            JsonPath listed = World.as(admin)
                    .get("/api/v1/clinics/{c}/audit-events/?page_size=100&page={p}", admin.clinicId(), page)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> data = listed.getList("data");
            data.forEach(event -> events.put(((Number) event.get("id")).longValue(), event));
            if (listed.getString("pagination.next") == null) {
                return events;
            }
        }
    }

    @Test
    void theUsersAndEveryProcesssAuditEventsAreExportedToo() throws Exception {
        Response answer = start(world.admin(), Map.of("resources", List.of("audit_events", "users")));
        long id = created(answer);
        JsonPath export = finished(world.admin(), id);
        assertThat(export.getString("data.status"), equalTo("completed"));
        assertThat(export.getList("data.resources"), contains("users", "audit_events"));
        java.time.Instant started = java.time.Instant.parse(export.getString("data.started_at"));

        // users: each line as GET users/{id}/ answers it, exactly the clinic's users, by id
        byte[] users = World.as(world.admin())
                .get(exports(world.clinic()) + id + "/files/users.ndjson")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        List<Long> userIds = new ArrayList<>();
        for (String line : lines(new String(users, StandardCharsets.UTF_8))) {
            Map<String, Object> exported = JsonPath.from(line).getMap("");
            long user = ((Number) exported.get("id")).longValue();
            userIds.add(user);
            assertThat(
                    exported,
                    equalTo(World.as(world.admin())
                            .get("/api/v1/clinics/{c}/users/{id}/", world.clinic(), user)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getMap("data")));
            assertThat(line, exported.containsKey("password_hash"), is(false));
        }
        List<Long> listedUsers = World.as(world.admin())
                .get("/api/v1/clinics/{c}/users/?page_size=200", world.clinic())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("data.id", Long.class);
        assertThat(userIds, containsInAnyOrder(listedUsers.toArray()));
        assertThat(userIds, equalTo(userIds.stream().sorted().toList()));
        assertThat(userIds, hasItem(world.admin().id()));

        // audit events: the four processes' merged by id, each line as audit-events/ lists it; every event of
        // the clinic from before the export started is in it
        Response download = World.as(world.admin()).get(exports(world.clinic()) + id + "/files/audit_events.ndjson");
        download.then().statusCode(200);
        byte[] bytes = download.asByteArray();
        Map<String, Object> file = export.getList("data.files", Map.class).stream()
                .filter(f -> "audit_events".equals(f.get("resource")))
                .findFirst()
                .orElseThrow();
        assertThat(file.get("sha256"), equalTo(sha256(bytes)));
        assertThat(download.header("ETag"), equalTo("\"" + sha256(bytes) + "\""));
        assertThat(((Number) file.get("bytes")).longValue(), equalTo((long) bytes.length));
        List<String> lines = lines(new String(bytes, StandardCharsets.UTF_8));
        assertThat(((Number) file.get("count")).intValue(), equalTo(lines.size()));
        Map<Long, Map<String, Object>> trail = auditTrail(world.admin());
        List<Long> ids = new ArrayList<>();
        java.util.Set<Object> types = new java.util.HashSet<>();
        for (String line : lines) {
            Map<String, Object> exported = JsonPath.from(line).getMap("");
            long event = ((Number) exported.get("id")).longValue();
            ids.add(event);
            types.add(exported.get("resource_type"));
            assertThat(line, exported, equalTo(trail.get(event)));
        }
        assertThat(ids, equalTo(ids.stream().sorted().distinct().toList()));
        List<Long> before = trail.values().stream()
                .filter(event ->
                        java.time.Instant.parse((String) event.get("at")).isBefore(started))
                .map(event -> ((Number) event.get("id")).longValue())
                .toList();
        assertThat(ids.containsAll(before), is(true));
        // written by all four: the gateway (users, the export), patients, doctors and consultations services
        assertThat(types, hasItem("user"));
        assertThat(types, hasItem("export"));
        assertThat(types, hasItem("patient"));
        assertThat(types, hasItem("doctor"));
        assertThat(types, hasItem("consultation"));

        // a second read of the merged file is the same bytes
        byte[] again = World.as(world.admin())
                .get(exports(world.clinic()) + id + "/files/audit_events.ndjson")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(sha256(again), equalTo(sha256(bytes)));
    }

    @Test
    void exportFilesAnswerOnlyTheExportJobsOwnTokens() {
        long id = created(start(world.admin(), Map.of("resources", List.of("users", "patients"))));
        finished(world.admin(), id);
        Map<String, String> keep = Map.of("keep_until", "2999-01-01T00:00:00Z");
        // a user's own token may neither write a file (one that would stand in for the job's, kept for ever) nor
        // read a piece past the download's audit event: not at the gateway, not at the service that owns it
        for (String base : List.of(Suite.gateway(), Suite.patients())) {
            for (String resource : List.of("users", "patients")) {
                String files = base + "/api/v1/clinics/" + world.clinic() + "/export-files/";
                World.as(world.admin())
                        .body(keep)
                        .post(files + id + "/" + resource + "/")
                        .then()
                        .statusCode(403);
                World.as(world.admin())
                        .body(keep)
                        .post(files + (id + 1000) + "/" + resource + "/")
                        .then()
                        .statusCode(403);
                World.as(world.admin())
                        .get(files + id + "/" + resource + "/0")
                        .then()
                        .statusCode(403);
                asSuperuser().get(files + id + "/" + resource + "/0").then().statusCode(403);
            }
        }

        // a superuser's download of a file the gateway keeps itself is one read_phi, not one more per piece it reads
        // from itself on their behalf
        long before = readsOfPhi();
        asSuperuser()
                .get(exports(world.clinic()) + id + "/files/users.ndjson")
                .then()
                .statusCode(200);
        assertThat(readsOfPhi(), equalTo(before + 1));
    }

    private static long readsOfPhi() {
        return World.as(world.admin())
                .get("/api/v1/clinics/{c}/audit-events/?action=read_phi", world.clinic())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("pagination.count");
    }

    @Test
    void sinceExportsOnlyWhatWasCreatedOrChangedFromThen() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account desk = newUser(clinic, "receptionist");
        long before = World.newPatient(clinic, desk);
        long after = World.newPatient(clinic, desk);
        String since = World.as(desk)
                .get("/api/v1/clinics/{c}/patients/{p}/", clinic, after)
                .then()
                .extract()
                .jsonPath()
                .getString("data.updated_at");

        long first = created(start(admin, Map.of("resources", List.of("patients"), "since", since)));
        assertThat(finished(admin, first).getString("data.since"), equalTo(since));
        assertThat(exportedIds(admin, first, "patients"), contains(after));

        World.as(desk)
                .body(Map.of("city", "Pune"))
                .patch("/api/v1/clinics/{c}/patients/{p}/", clinic, before)
                .then()
                .statusCode(200);
        long second = created(start(admin, Map.of("resources", List.of("patients"), "since", since)));
        finished(admin, second);
        assertThat(exportedIds(admin, second, "patients"), contains(before, after));

        // users: the database keeps when each was created or changed; audit events: those at or after since
        Account doctor = newUser(clinic, "doctor");
        String usersSince = java.time.Instant.now().toString();
        sleep(20);
        World.as(admin)
                .body(Map.of("last_name", "Renamed"))
                .patch("/api/v1/clinics/{c}/users/{u}/", clinic, desk.id())
                .then()
                .statusCode(200);
        Account later = newUser(clinic, "doctor");
        long third = created(start(admin, Map.of("resources", List.of("users", "audit_events"), "since", usersSince)));
        finished(admin, third);
        assertThat(exportedIds(admin, third, "users"), contains(desk.id(), later.id()));
        assertThat(exportedIds(admin, third, "users").contains(doctor.id()), is(false));
        String events = World.as(admin)
                .get(exports(clinic) + third + "/files/audit_events.ndjson")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> lines = lines(events);
        assertThat(lines.isEmpty(), is(false));
        for (String line : lines) {
            assertThat(
                    line,
                    java.time.Instant.parse(JsonPath.from(line).getString("at"))
                            .isBefore(java.time.Instant.parse(usersSince)),
                    is(false));
        }
    }

    private static List<Long> exportedIds(Account admin, long exportId, String resource) {
        String body = World.as(admin)
                .get(exports(admin.clinicId()) + exportId + "/files/" + resource + ".ndjson")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return lines(body).stream()
                .map(line -> JsonPath.from(line).getLong("id"))
                .toList();
    }

    @Test
    void oneUnfinishedExportPerClinicWhoeverAsksAtOnce() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account other = newUser(clinic, "admin");
        World.newPatient(clinic, newUser(clinic, "receptionist"));
        // patients-service cannot store a file while the test holds its tables: the export stays unfinished
        try (Connection patients = Suite.patientsProcess().connect();
                Statement hold = patients.createStatement()) {
            patients.setAutoCommit(false);
            hold.execute("lock table export_file, export_chunk in share mode");

            List<Response> answers =
                    Race.of(2, i -> start(i == 0 ? admin : other, Map.of("resources", List.of("patients"))));
            List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
            assertThat(statuses, containsInAnyOrder(202, 409));
            Response accepted = answers.get(statuses.indexOf(202));
            Response refused = answers.get(statuses.indexOf(409));
            assertThat(refused.header("Location"), equalTo(accepted.header("Location")));
            assertThat(refused.jsonPath().getString("message"), matchesPattern(".*already has an export.*"));

            patients.rollback();
            long first = accepted.jsonPath().getLong("data.id");
            assertThat(finished(admin, first).getString("data.status"), equalTo("completed"));
        }

        // a retry under the same Idempotency-Key answers the export it made, not a 409 nor a second export
        String key = UUID.randomUUID().toString();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Response keyed = World.as(admin)
                    .header("Idempotency-Key", key)
                    .body(Map.of("resources", List.of("patients")))
                    .post(exports(clinic));
            ids.add(created(keyed));
        }
        assertThat(ids.get(1), equalTo(ids.get(0)));
        finished(admin, ids.get(0));
        assertThat(
                World.as(admin)
                        .get(exports(clinic))
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("data.id", Long.class)
                        .size(),
                equalTo(2));
    }

    @Test
    void onlyTheClinicsAdminsAndSuperusersReachItsExports() {
        long id = created(start(world.admin(), Map.of("resources", List.of("patients"))));
        finished(world.admin(), id);
        String one = exports(world.clinic()) + id + "/";
        String file = one + "files/patients.ndjson";
        for (Account staff : List.of(world.doctor(), world.receptionist())) {
            start(staff, Map.of()).then().statusCode(403);
            World.as(staff).get(exports(world.clinic())).then().statusCode(403);
            World.as(staff).get(one).then().statusCode(403);
            World.as(staff).get(file).then().statusCode(403);
        }
        // another clinic's admin: this clinic's path is a 403, this clinic's export under their own path a 404
        long otherClinic = newClinic();
        Account stranger = newUser(otherClinic, "admin");
        World.as(stranger).get(one).then().statusCode(403);
        World.as(stranger).get(file).then().statusCode(403);
        World.as(stranger).body(Map.of()).post(exports(world.clinic())).then().statusCode(403);
        World.as(stranger).get(exports(otherClinic) + id + "/").then().statusCode(404);
        World.as(stranger)
                .get(exports(otherClinic) + id + "/files/patients.ndjson")
                .then()
                .statusCode(404);
        assertThat(
                World.as(stranger)
                        .get(exports(otherClinic))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("data"),
                equalTo(List.of()));

        // a superuser downloads, and the read is audited as read_phi besides the download
        asSuperuser().get(file).then().statusCode(200);
        JsonPath audit = World.as(world.admin())
                .get("/api/v1/clinics/{c}/audit-events/?resource_type=export&resource_id={id}", world.clinic(), id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(audit.getList("data.action"), hasItem("read_phi"));
        assertThat(audit.getList("data.actor_role"), hasItem("superuser"));
    }

    @Test
    void badRequestsAreRefusedNamingTheirFieldAndStartNothing() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        for (Map<String, ?> body : List.of(
                Map.of("resources", List.of("patients", "invoices")),
                Map.of("resources", List.of()),
                Map.of("resources", "patients"))) {
            start(admin, body).then().statusCode(400);
        }
        assertThat(
                start(admin, Map.of("resources", List.of("invoices")))
                        .jsonPath()
                        .getMap("errors"),
                hasKey("resources"));
        assertThat(start(admin, Map.of("since", "yesterday")).jsonPath().getMap("errors"), hasKey("since"));
        World.as(admin).get(exports(clinic) + "999999999/").then().statusCode(404);
        World.as(admin).get(exports(clinic) + "abc/").then().statusCode(404);
        assertThat(
                World.as(admin)
                        .get(exports(clinic))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("data"),
                equalTo(List.of()));

        long id = created(start(admin, Map.of("resources", List.of("patients"))));
        finished(admin, id);
        World.as(admin)
                .get(exports(clinic) + id + "/files/doctors.ndjson")
                .then()
                .statusCode(404);
        World.as(admin)
                .get(exports(clinic) + id + "/files/..%2F..%2Fpatients.ndjson")
                .then()
                .statusCode(404);
    }

    @Test
    void anExpiredExportsFilesAreGoneAndPurged() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        World.newPatient(clinic, newUser(clinic, "receptionist"));
        long expiring = created(start(admin, Map.of("resources", List.of("patients"))));
        finished(admin, expiring);
        long kept = created(start(admin, Map.of("resources", List.of("patients"))));
        finished(admin, kept);

        try (Connection gateway = Suite.gatewayProcess().connect();
                PreparedStatement expire = gateway.prepareStatement(
                        "update export_job set expires_at = now() - interval '1 second'" + " where id = ?")) {
            expire.setLong(1, expiring);
            assertEquals(1, expire.executeUpdate());
        }
        assertThat(
                World.as(admin).get(exports(clinic) + expiring + "/").jsonPath().getString("data.status"),
                equalTo("expired"));
        World.as(admin)
                .get(exports(clinic) + expiring + "/files/patients.ndjson")
                .then()
                .statusCode(410);
        World.as(admin)
                .get(exports(clinic) + kept + "/files/patients.ndjson")
                .then()
                .statusCode(200);

        // the owning process purges a file past its keep_until, and only that one
        try (Connection patients = Suite.patientsProcess().connect();
                PreparedStatement due = patients.prepareStatement(
                        "update export_file set keep_until = now() - interval '1 second' where export_id = ?");
                Statement purge = patients.createStatement()) {
            due.setLong(1, expiring);
            assertEquals(1, due.executeUpdate());
            try (ResultSet purged = purge.executeQuery("select purge_expired_export_files(1000)")) {
                purged.next();
                assertThat(purged.getInt(1), equalTo(1));
            }
            assertThat(rows(patients, "export_file", expiring), equalTo(0));
            assertThat(rows(patients, "export_chunk", expiring), equalTo(0));
            assertThat(rows(patients, "export_file", kept), equalTo(1));
            assertThat(rows(patients, "export_chunk", kept), equalTo(1));
        }
    }

    private static int rows(Connection db, String table, long exportId) throws Exception {
        try (PreparedStatement count = db.prepareStatement("select count(*) from " + table + " where export_id = ?")) {
            count.setLong(1, exportId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
