package org.clinic.doctors.live;

import static org.clinic.doctors.TestClinics.as;
import static org.clinic.doctors.TestClinics.newClinicWithStaff;
import static org.clinic.doctors.TestClinics.waitingVisit;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.doctors.TestClinics.Clinic;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.RawRequest;
import org.clinic.testing.SseClient;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** API.md §7: the visit streams, the queue board and its stream, through this service's real HTTP. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
class LiveVisitsTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(700);

    @TestHTTPResource("/")
    URI base;

    private static void transition(Account as, long clinic, long visit, String status) {
        as(as).body(Map.of("status", status))
                .post("/api/v1/clinics/{c}/visits/{v}/transition/", clinic, visit)
                .then()
                .statusCode(200);
    }

    private SseClient stream(String path, Account as, String lastEventId) throws Exception {
        return SseClient.open(base.resolve(path), as == null ? null : as.token(), lastEventId);
    }

    @Test
    void twoClinicsSubscribersSeeExactlyTheirOwnEventsInOrder() throws Exception {
        Clinic a = newClinicWithStaff();
        Clinic b = newClinicWithStaff();
        try (SseClient streamA = stream("api/v1/clinics/" + a.id() + "/visits/stream/", a.receptionist(), null);
                SseClient streamB = stream("api/v1/clinics/" + b.id() + "/visits/stream/", b.admin(), null)) {
            assertEquals(200, streamA.status());
            assertThat(streamA.contentType(), containsString("text/event-stream"));
            long a1 = waitingVisit(a, a.doctorId(), null);
            long b1 = waitingVisit(b, null, null);
            long a2 = waitingVisit(a, null, null);
            transition(a.doctor(), a.id(), a1, "in_consultation");

            List<SseClient.Event> ofA = streamA.take(3, WAIT);
            assertEquals(
                    List.of("visit.checked_in", "visit.checked_in", "visit.transition"),
                    ofA.stream().map(SseClient.Event::name).toList());
            assertEquals(
                    List.of(a1, a2, a1),
                    ofA.stream().map(e -> JsonPath.from(e.data()).getLong("id")).toList());
            long first = Long.parseLong(ofA.get(0).id());
            assertEquals(
                    List.of(first, first + 1, first + 2),
                    ofA.stream().map(e -> Long.parseLong(e.id())).toList(),
                    "per-clinic ids in commit order");
            assertEquals("in_consultation", JsonPath.from(ofA.get(2).data()).getString("status"));
            ofA.forEach(e -> assertEquals(a.id(), JsonPath.from(e.data()).getLong("clinic_id")));
            assertNull(streamA.next(QUIET), "nothing of clinic B");

            SseClient.Event ofB = streamB.next(WAIT);
            assertEquals(b1, JsonPath.from(ofB.data()).getLong("id"));
            assertEquals("1", ofB.id(), "clinic B's ids are its own, whatever A did");
            assertNull(streamB.next(QUIET), "nothing of clinic A");
            assertEquals("3000", streamA.retry());
        }
    }

    @Test
    void aListsLastEventIdThenTheStreamMissesNothingAndAReconnectResumes() throws Exception {
        Clinic c = newClinicWithStaff();
        waitingVisit(c, null, null);
        String last = as(c.receptionist())
                .get("/api/v1/clinics/{c}/visits/", c.id())
                .then()
                .statusCode(200)
                .extract()
                .header("X-Last-Event-ID");
        long missed = waitingVisit(c, null, null); // after the list, before the stream opens
        SseClient.Event replayed;
        try (SseClient stream = stream("api/v1/clinics/" + c.id() + "/visits/stream/", c.receptionist(), last)) {
            replayed = stream.next(WAIT);
            assertEquals(missed, JsonPath.from(replayed.data()).getLong("id"));
            assertEquals(Long.parseLong(last) + 1, Long.parseLong(replayed.id()));
            assertNull(stream.next(QUIET));
        }
        long whileAway = waitingVisit(c, null, null);
        try (SseClient stream =
                stream("api/v1/clinics/" + c.id() + "/visits/stream/", c.receptionist(), replayed.id())) {
            assertEquals(whileAway, JsonPath.from(stream.next(WAIT).data()).getLong("id"));
        }
    }

    /**
     * "With Last-Event-ID the stream first replays every later event of the last 15 minutes": what followed the id
     * 14 minutes ago is replayed in order; once it is 16 minutes old, the client gets a reset instead.
     */
    @Test
    void aReconnectReplaysTheLastFifteenMinutesAndResetsBeyond() throws Exception {
        Clinic c = newClinicWithStaff();
        waitingVisit(c, null, null);
        String seen = as(c.receptionist())
                .get("/api/v1/clinics/{c}/visits/", c.id())
                .then()
                .extract()
                .header("X-Last-Event-ID");
        long second = waitingVisit(c, null, null);
        long third = waitingVisit(c, null, null);
        ageEvent(c.id(), Long.parseLong(seen) + 1, "14 minutes");
        try (SseClient stream = stream("api/v1/clinics/" + c.id() + "/visits/stream/", c.receptionist(), seen)) {
            List<SseClient.Event> replayed = stream.take(2, WAIT);
            assertEquals(
                    List.of(second, third),
                    replayed.stream()
                            .map(e -> JsonPath.from(e.data()).getLong("id"))
                            .toList());
        }
        ageEvent(c.id(), Long.parseLong(seen) + 1, "16 minutes");
        try (SseClient stream = stream("api/v1/clinics/" + c.id() + "/visits/stream/", c.receptionist(), seen)) {
            List<SseClient.Event> reset = stream.take(1, WAIT);
            assertEquals("reset", reset.get(0).name());
            assertEquals("{}", reset.get(0).data());
        }
    }

    /** Makes one of the clinic's events look {@code age} old (as the database's admin, above row-level security). */
    private static void ageEvent(long clinic, long eventId, String age) throws Exception {
        try (java.sql.Connection db = org.clinic.testing.PostgresDatabase.connect();
                java.sql.PreparedStatement update = db.prepareStatement(
                        "UPDATE visit_event SET at = now() - ?::interval" + " WHERE clinic_id = ? AND event_id = ?")) {
            update.setString(1, age);
            update.setLong(2, clinic);
            update.setLong(3, eventId);
            assertEquals(1, update.executeUpdate(), "no such event");
        }
    }

    @Test
    void anUnknownLastEventIdGetsAReset() throws Exception {
        Clinic c = newClinicWithStaff();
        try (SseClient stream = stream("api/v1/clinics/" + c.id() + "/visits/stream/", c.admin(), "999999")) {
            SseClient.Event reset = stream.next(WAIT);
            assertEquals("reset", reset.name());
            assertEquals("{}", reset.data());
            long after = waitingVisit(c, null, null);
            assertEquals(after, JsonPath.from(stream.next(WAIT).data()).getLong("id"), "then live events");
        }
    }

    @Test
    void aDoctorsQueueStreamCarriesOnlyThatDoctorsVisitsAndChecksBeforeStarting() throws Exception {
        Clinic c = newClinicWithStaff();
        Clinic other = newClinicWithStaff();
        try (SseClient forbidden = stream(
                "api/v1/clinics/" + other.id() + "/doctors/" + other.doctorId() + "/queue/stream/", c.doctor(), null)) {
            assertEquals(403, forbidden.status(), "another clinic in the path");
        }
        try (SseClient missing = stream(
                "api/v1/clinics/" + c.id() + "/doctors/" + other.doctorId() + "/queue/stream/", c.admin(), null)) {
            assertEquals(404, missing.status(), "a doctor of another clinic");
        }
        Account secondDoctor = newUser(c.id(), "doctor");
        long secondId = Created.id(as(c.admin())
                .body(Map.of("user", secondDoctor.id(), "license_number", "L-" + UUID.randomUUID()))
                .post("/api/v1/clinics/{c}/doctors/", c.id()));
        try (SseClient notMine =
                stream("api/v1/clinics/" + c.id() + "/doctors/" + secondId + "/queue/stream/", c.doctor(), null)) {
            assertEquals(403, notMine.status(), "another doctor's queue");
        }
        try (SseClient mine =
                stream("api/v1/clinics/" + c.id() + "/doctors/" + c.doctorId() + "/queue/stream/", c.doctor(), null)) {
            assertEquals(200, mine.status());
            waitingVisit(c, secondId, null);
            long own = waitingVisit(c, c.doctorId(), null);
            SseClient.Event event = mine.next(WAIT);
            assertEquals(own, JsonPath.from(event.data()).getLong("id"));
            assertNull(mine.next(QUIET));
        }
        try (SseClient anonymous = stream("api/v1/clinics/" + c.id() + "/visits/stream/", null, null)) {
            assertEquals(401, anonymous.status());
        }
    }

    /**
     * API.md §8: a transfer is visit.updated on the clinic's stream and on the queue streams of the doctor the visit
     * left and the one it joined; a priority change on its doctor's; the board follows both; another clinic's streams
     * carry none of it.
     */
    @Test
    void aTransferReachesBothDoctorsQueueStreamsTheClinicsAndTheBoard() throws Exception {
        Clinic c = newClinicWithStaff();
        Clinic other = newClinicWithStaff();
        Account secondDoctor = newUser(c.id(), "doctor");
        long secondId = org.clinic.doctors.TestClinics.doctorProfile(c.admin(), secondDoctor);
        long moved = waitingVisit(c, c.doctorId(), null);
        String clinic = "api/v1/clinics/" + c.id();
        try (SseClient all = stream(clinic + "/visits/stream/", c.receptionist(), null);
                SseClient left = stream(clinic + "/doctors/" + c.doctorId() + "/queue/stream/", c.doctor(), null);
                SseClient joined = stream(clinic + "/doctors/" + secondId + "/queue/stream/", secondDoctor, null);
                SseClient board = stream(clinic + "/queue-board/stream/", newUser(c.id(), "display"), null);
                SseClient elsewhere = stream("api/v1/clinics/" + other.id() + "/visits/stream/", other.admin(), null)) {
            assertEquals(
                    1,
                    JsonPath.from(board.next(WAIT).data())
                            .getInt("doctors.find { it.doctor == " + c.doctorId() + " }.waiting_count"));
            as(c.receptionist())
                    .body(Map.of("assigned_doctor", secondId, "reason", "rota"))
                    .patch("/api/v1/clinics/{c}/visits/{id}/", c.id(), moved)
                    .then()
                    .statusCode(200);
            for (SseClient s : List.of(all, left, joined)) {
                SseClient.Event event = s.next(WAIT);
                assertEquals("visit.updated", event.name());
                assertEquals(moved, JsonPath.from(event.data()).getLong("id"));
                assertEquals(secondId, JsonPath.from(event.data()).getLong("assigned_doctor"));
            }
            JsonPath after = JsonPath.from(board.next(WAIT).data());
            assertEquals(0, after.getInt("doctors.find { it.doctor == " + c.doctorId() + " }.waiting_count"));
            assertEquals(1, after.getInt("doctors.find { it.doctor == " + secondId + " }.waiting_count"));

            as(c.receptionist())
                    .body(Map.of("priority", "emergency"))
                    .patch("/api/v1/clinics/{c}/visits/{id}/", c.id(), moved)
                    .then()
                    .statusCode(200);
            SseClient.Event raised = joined.next(WAIT);
            assertEquals("visit.updated", raised.name());
            assertEquals("emergency", JsonPath.from(raised.data()).getString("priority"));
            assertEquals("visit.updated", all.next(WAIT).name());
            assertNull(left.next(QUIET), "the visit is no longer the first doctor's");
            assertNull(elsewhere.next(QUIET), "another clinic's stream");
        }
    }

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /**
     * The clinic's board streams all wake for one visit change: the board is read once for all of them (it carries a
     * median per doctor), and each gets it.
     */
    @Test
    void aClinicsBoardStreamsShareOneReadOfTheBoardPerChange() throws Exception {
        Clinic c = newClinicWithStaff();
        String path = "api/v1/clinics/" + c.id() + "/queue-board/stream/";
        List<SseClient> screens = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Account display = newUser(c.id(), "display");
                SseClient screen = stream(path, display, null);
                assertEquals(200, screen.status());
                assertEquals("board", screen.next(WAIT).name());
                screens.add(screen);
            }
            Thread.sleep(1100); // older than a shared board is kept
            double before = registry.counter("queue_board_reads").count();
            waitingVisit(c, c.doctorId(), null);
            for (SseClient screen : screens) {
                SseClient.Event board = screen.next(WAIT);
                assertEquals("board", board.name());
                assertEquals(List.of(1), JsonPath.from(board.data()).getList("doctors[0].waiting"));
            }
            assertEquals(1.0, registry.counter("queue_board_reads").count() - before);
        } finally {
            screens.forEach(SseClient::close);
        }
    }

    /**
     * Issue 26: a stream's path in any spelling but its canonical one names nothing here either (the gateway refuses
     * them too: gateway ProxyEdgeTest), so no layer can read one path as another.
     */
    @Test
    void aStreamPathInAnyOtherSpellingIsA404() throws Exception {
        Clinic c = newClinicWithStaff();
        String clinic = "/api/v1/clinics/" + c.id();
        String queue = clinic + "/doctors/" + c.doctorId() + "/queue/stream/";
        try (SseClient mine = stream(queue.substring(1), c.doctor(), null)) {
            assertEquals(200, mine.status(), "the canonical path");
        }
        String padded = "0".repeat(19 - String.valueOf(c.doctorId()).length()) + c.doctorId();
        for (String path : List.of(
                clinic + "/doctors/" + padded + "/queue/stream/",
                clinic + "/doctors/0" + c.doctorId() + "/queue/stream/",
                clinic + "/doctors/" + c.doctorId() + "/queue/stream;x=1/",
                clinic + "/doctors/" + c.doctorId() + "/queue%2Fstream/",
                clinic + "/doctors/" + c.doctorId() + "/queue/./stream/",
                clinic + "/doctors/" + c.doctorId() + "/queue/%2e/stream/",
                clinic + "/doctors/" + c.doctorId() + "//queue/stream/",
                clinic + "/visits/stream;x=1",
                clinic + "/visits/x/../stream/",
                "/api/v1/clinics/0" + c.id() + "/visits/stream/")) {
            RawRequest.Answer answer =
                    RawRequest.get(base.getPort(), path, c.doctor().token());
            assertEquals(404, answer.status(), path);
            assertThat(path, answer.body(), containsString("\"success\":false"));
            assertThat(path, answer.head(), not(containsString("text/event-stream")));
        }
    }

    @Test
    void aDisplayReadsTheBoardAndItsStreamAndNothingElseAndTheBoardHasNoPatientData() throws Exception {
        Clinic c = newClinicWithStaff();
        Account display = newUser(c.id(), "display");
        long first = waitingVisit(c, c.doctorId(), null);
        waitingVisit(c, c.doctorId(), null);
        transition(c.doctor(), c.id(), first, "in_consultation");

        String board = as(display)
                .get("/api/v1/clinics/{c}/queue-board/", c.id())
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonPath json = JsonPath.from(board);
        assertEquals(1, json.getList("data.doctors").size());
        assertEquals(c.doctorId(), json.getLong("data.doctors[0].doctor"));
        assertEquals(1, json.getInt("data.doctors[0].now_serving"));
        assertEquals(List.of(2), json.getList("data.doctors[0].waiting"));
        assertEquals(1, json.getInt("data.doctors[0].waiting_count"));
        assertThat(board, not(containsString("patient")));
        assertThat(board, not(containsString("Patient ")));

        as(display).get("/api/v1/clinics/{c}/visits/", c.id()).then().statusCode(403);
        as(display).get("/api/v1/clinics/{c}/doctors/", c.id()).then().statusCode(403);
        try (SseClient visits = stream("api/v1/clinics/" + c.id() + "/visits/stream/", display, null)) {
            assertEquals(403, visits.status());
        }
        try (SseClient stream = stream("api/v1/clinics/" + c.id() + "/queue-board/stream/", display, null)) {
            assertEquals(200, stream.status());
            SseClient.Event now = stream.next(WAIT);
            assertEquals("board", now.name());
            assertEquals(List.of(2), JsonPath.from(now.data()).getList("doctors[0].waiting"));
            waitingVisit(c, c.doctorId(), null);
            SseClient.Event changed = stream.next(WAIT);
            assertEquals("board", changed.name());
            assertEquals(List.of(2, 3), JsonPath.from(changed.data()).getList("doctors[0].waiting"));
            assertThat(changed.data(), not(containsString("patient")));
            assertTrue(Long.parseLong(changed.id()) > Long.parseLong(now.id()));
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        Clinic c = newClinicWithStaff();
        String shortLived =
                TestTokens.clinicUserExpiringIn(c.id(), c.receptionist().id(), "receptionist", 3);
        try (SseClient stream =
                SseClient.open(base.resolve("api/v1/clinics/" + c.id() + "/visits/stream/"), shortLived, null)) {
            assertEquals(200, stream.status());
            java.time.Instant expiry = java.time.Instant.ofEpochSecond(JsonPath.from(new String(
                            java.util.Base64.getUrlDecoder().decode(shortLived.split("\\.")[1])))
                    .getLong("exp"));
            assertTrue(stream.awaitEnd(Duration.ofSeconds(15)), "ended at the token's expiry");
            // not before it: a stream that died at once for another reason must not pass
            assertFalse(
                    stream.endedAt().isBefore(expiry.minusMillis(500)),
                    "ended at " + stream.endedAt() + ", before the token's expiry " + expiry);
        }
    }
}
