package org.clinic.e2e;

import static org.clinic.e2e.World.as;
import static org.clinic.testing.GatewayAccounts.asSuperuser;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.SseClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API.md §1 and §7 rules that only a client of the whole suite sees: heartbeats, the events a consultation causes
 * and what they carry, a display device on the board, a stream against the rate limits, and paths without their
 * trailing slash. Through the gateway.
 */
class LiveContractTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    private static URI gateway(String path) {
        return URI.create(Suite.gateway() + path);
    }

    private static SseClient open(String path, Account account) throws Exception {
        return SseClient.open(gateway(path), account.token(), null);
    }

    /** "sends `: heartbeat` at least every 15 s": the first within 15 s of opening, and the next within 15 s of it. */
    @Test
    void aStreamSendsAHeartbeatAtLeastEveryFifteenSeconds() throws Exception {
        World world = World.create();
        try (SseClient stream = open("/api/v1/clinics/" + world.clinic() + "/visits/stream/", world.receptionist())) {
            assertEquals(200, stream.status());
            long deadline = System.nanoTime() + Duration.ofSeconds(33).toNanos();
            while (heartbeats(stream).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Instant> beats = heartbeats(stream);
            assertTrue(beats.size() >= 2, "heartbeats in 33 s: " + beats);
            Duration slack = Duration.ofMillis(750);
            assertFalse(
                    Duration.between(stream.openedAt(), beats.get(0))
                                    .compareTo(Duration.ofSeconds(15).plus(slack))
                            > 0,
                    "first heartbeat " + beats.get(0) + " after opening at " + stream.openedAt());
            assertFalse(
                    Duration.between(beats.get(0), beats.get(1))
                                    .compareTo(Duration.ofSeconds(15).plus(slack))
                            > 0,
                    "heartbeats " + beats);
            assertFalse(stream.ended(), "the stream ended");
        }
    }

    private static List<Instant> heartbeats(SseClient stream) {
        List<Instant> beats = new ArrayList<>();
        for (int i = 0; i < stream.comments().size(); i++) {
            if ("heartbeat".equals(stream.comments().get(i))) {
                beats.add(stream.commentTimes().get(i));
            }
        }
        return beats;
    }

    /**
     * A check-in is `visit.checked_in`, the consultation that starts the visit is `visit.transition`; each event's
     * data is exactly the visit as `visits/{id}/` returns it at that moment, on the clinic's and the doctor's streams.
     */
    @Test
    void aConsultationsStartIsAVisitTransitionAndEveryEventIsTheVisitAsItsGetReturnsIt() throws Exception {
        World world = World.create();
        long patient = world.newPatient();
        String clinic = "/api/v1/clinics/" + world.clinic() + "/";
        try (SseClient desk = open(clinic + "visits/stream/", world.receptionist());
                SseClient queue = open(clinic + "doctors/" + world.doctorId() + "/queue/stream/", world.doctor())) {
            long visit = as(world.receptionist())
                    .body(Map.of("purpose", "Back pain", "doctor", world.doctorId()))
                    .post(clinic + "patients/{p}/check_in/", patient)
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("data.visit_id");
            Object checkedIn = visitAsRead(world, visit);
            for (SseClient stream : List.of(desk, queue)) {
                SseClient.Event event = stream.take(1, WAIT).get(0);
                assertEquals("visit.checked_in", event.name());
                assertEquals(checkedIn, JsonPath.from(event.data()).get(""), event.data());
            }
            as(world.doctor())
                    .body(Map.of("patient", patient, "visit", visit, "chief_complaint", "Back pain"))
                    .post(clinic + "consultations/")
                    .then()
                    .statusCode(201);
            Object started = visitAsRead(world, visit);
            assertEquals("in_consultation", ((Map<?, ?>) started).get("status"));
            for (SseClient stream : List.of(desk, queue)) {
                SseClient.Event event = stream.take(1, WAIT).get(0);
                assertEquals("visit.transition", event.name());
                assertEquals(started, JsonPath.from(event.data()).get(""), event.data());
            }
        }
    }

    private static Object visitAsRead(World world, long visit) {
        return as(world.receptionist())
                .get("/api/v1/clinics/{c}/visits/{v}/", world.clinic(), visit)
                .then()
                .statusCode(200)
                .extract()
                .path("data");
    }

    /** A display device reads the board and follows its stream through the gateway, and reaches nothing else. */
    @Test
    void aDisplayDeviceReadsTheBoardAndItsStreamThroughTheGatewayAndNothingElse() throws Exception {
        World world = World.create();
        Account display = newUser(world.clinic(), "display");
        String clinic = "/api/v1/clinics/" + world.clinic() + "/";
        as(display).get(clinic + "queue-board/").then().statusCode(200).body("data.doctors[0].doctor", equalTo((int)
                world.doctorId()));
        try (SseClient board = open(clinic + "queue-board/stream/", display)) {
            assertEquals(200, board.status());
            assertTrue(board.contentType().startsWith("text/event-stream"), board.contentType());
            SseClient.Event now = board.next(WAIT);
            assertNotNull(now, "the board stream sends the board");
            assertEquals("board", now.name());
            as(world.receptionist())
                    .body(Map.of("purpose", "Fever", "doctor", world.doctorId()))
                    .post(clinic + "patients/{p}/check_in/", world.newPatient())
                    .then()
                    .statusCode(201);
            SseClient.Event changed = board.next(WAIT);
            assertNotNull(changed, "the board stream follows a check-in");
            assertEquals("board", changed.name());
            assertFalse(changed.data().contains("Ravi"), "patient data on the board: " + changed.data());
        }
        for (String elsewhere : List.of("patients/", "visits/", "doctors/", "users/me/", "visits/stream/")) {
            as(display).get(clinic + elsewhere).then().statusCode(403);
        }
    }

    /**
     * "Opening a stream counts as one request against the rate limits": in a clinic allowed 4 requests an hour, a
     * read, a stream and two reads pass, the fifth request is a 429 (a stream counted as none would let it through,
     * a stream counted per event or heartbeat would refuse earlier).
     */
    @Test
    void openingAStreamCountsAsOneRequest() throws Exception {
        long clinic = Created.id(asSuperuser()
                .body(Map.of("name", "Limited " + UUID.randomUUID(), "timezone", "UTC", "rate_limit_per_hour", 4))
                .post("/api/v1/clinics/"));
        Account desk = newUser(clinic, "receptionist");
        String base = "/api/v1/clinics/" + clinic + "/";
        as(desk).get(base + "doctors/").then().statusCode(200).header("RateLimit-Remaining", "3");
        try (SseClient stream = open(base + "visits/stream/", desk)) {
            assertEquals(200, stream.status());
            as(desk).get(base + "doctors/").then().statusCode(200).header("RateLimit-Remaining", "1");
            as(desk).get(base + "doctors/").then().statusCode(200).header("RateLimit-Remaining", "0");
            as(desk).get(base + "doctors/").then().statusCode(429);
        }
    }

    /** The same path without its trailing slash is served identically, without a redirect (API.md §1). */
    @Test
    void everyRouteIsServedIdenticallyWithoutItsTrailingSlash() {
        World world = World.create();
        List<String> differ = new ArrayList<>();
        for (String[] route : world.routes()) {
            if (!route[0].equals("GET") || route[1].contains("/stream/")) {
                continue;
            }
            Account caller = route[1].contains("consultations/") || route[1].contains("prescriptions/")
                    ? world.doctor()
                    : world.admin();
            Response with = as(caller).redirects().follow(false).get(route[1]);
            Response without = as(caller).redirects().follow(false).get(route[1].substring(0, route[1].length() - 1));
            if (with.statusCode() != 200
                    || without.statusCode() != 200
                    || !String.valueOf(with.<Object>path("data"))
                            .equals(String.valueOf(without.<Object>path("data")))) {
                differ.add(route[1] + ": " + with.statusCode() + " / " + without.statusCode());
            }
        }
        assertEquals(List.of(), differ);
    }
}
