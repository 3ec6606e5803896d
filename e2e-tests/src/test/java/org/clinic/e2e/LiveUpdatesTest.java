package org.clinic.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.clinic.testing.Created;
import org.clinic.testing.ServiceRunner;
import org.clinic.testing.SseClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API.md §7 through the gateway: a check-in at the desk reaches the doctor's queue stream at once. */
class LiveUpdatesTest {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void aCheckInThroughTheGatewayReachesTheStreamsAndNothingOfAnotherClinic() throws Exception {
        World world = World.create();
        World other = World.create();
        URI gateway = URI.create(Suite.gateway() + "/");
        try (SseClient queue = SseClient.open(
                        gateway.resolve(
                                "api/v1/clinics/" + world.clinic() + "/doctors/" + world.doctorId() + "/queue/stream/"),
                        world.doctor().token(),
                        null);
                SseClient desk = SseClient.open(
                        gateway.resolve("api/v1/clinics/" + world.clinic() + "/visits/stream/"),
                        world.receptionist().token(),
                        null)) {
            assertEquals(200, queue.status());
            assertEquals(200, desk.status());
            // the other clinic's activity must not show
            World.as(other.receptionist())
                    .body(Map.of(
                            "patient_name",
                            "Elsewhere",
                            "date_of_birth",
                            "1970-01-01",
                            "gender",
                            "M",
                            "phone_number",
                            "9811111111"))
                    .post("/api/v1/clinics/{c}/patients/", other.clinic())
                    .then()
                    .statusCode(201);
            long patient = Created.id(World.as(world.receptionist())
                    .body(Map.of(
                            "patient_name",
                            "Meera Iyer",
                            "date_of_birth",
                            "1985-06-01",
                            "gender",
                            "F",
                            "phone_number",
                            "9822222222"))
                    .post("/api/v1/clinics/{c}/patients/", world.clinic()));
            long visit = World.as(world.receptionist())
                    .body(Map.of("purpose", "Cough", "doctor", world.doctorId()))
                    .post("/api/v1/clinics/{c}/patients/{p}/check_in/", world.clinic(), patient)
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("data.visit_id");
            for (SseClient stream : new SseClient[] {queue, desk}) {
                SseClient.Event event = stream.next(Duration.ofSeconds(10));
                assertEquals("visit.checked_in", event.name());
                JsonPath data = JsonPath.from(event.data());
                assertEquals(visit, data.getLong("id"));
                assertEquals(world.clinic(), data.getLong("clinic_id"));
                assertNull(stream.next(Duration.ofMillis(500)));
            }
        }
        // a token in the query string is not a token
        try (SseClient query = SseClient.open(
                URI.create(Suite.gateway() + "/api/v1/clinics/" + world.clinic() + "/visits/stream/?access_token="
                        + world.receptionist().token()),
                null,
                null)) {
            assertEquals(401, query.status());
        }
    }

    @Test
    void aUserHoldsAtMostFiveStreamsAndADeactivatedUsersStreamEnds() throws Exception {
        World world = World.create();
        URI visits = URI.create(Suite.gateway() + "/api/v1/clinics/" + world.clinic() + "/visits/stream/");
        java.util.List<SseClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseClient stream = SseClient.open(visits, world.receptionist().token(), null);
                assertEquals(200, stream.status());
                open.add(stream);
            }
            try (SseClient sixth = SseClient.open(visits, world.receptionist().token(), null)) {
                assertEquals(429, sixth.status());
            }
            // another user of the clinic is not affected
            try (SseClient admins = SseClient.open(visits, world.admin().token(), null)) {
                assertEquals(200, admins.status());
            }
            open.remove(0).close();
            SseClient again = null;
            for (int i = 0; i < 20 && again == null; i++) {
                SseClient attempt = SseClient.open(visits, world.receptionist().token(), null);
                if (attempt.status() == 200) {
                    again = attempt;
                } else {
                    attempt.close();
                    Thread.sleep(100);
                }
            }
            assertTrue(again != null, "a closed stream frees its place");
            open.add(again);

            // the admin deactivates the receptionist: every stream of theirs ends (each is open until then)
            for (SseClient stream : open) {
                assertFalse(stream.ended(), "a stream ended before the deactivation");
            }
            World.as(world.admin())
                    .delete(
                            "/api/v1/clinics/{c}/users/{u}/",
                            world.clinic(),
                            world.receptionist().id())
                    .then()
                    .statusCode(204);
            for (SseClient stream : open) {
                assertTrue(stream.awaitEnd(Duration.ofSeconds(15)), "the stream of a deactivated user ends");
            }
        } finally {
            open.forEach(SseClient::close);
        }
    }

    /** Two replicas of doctors-service on one database: a stream on either sees every change, in id order. */
    @Test
    void streamsOnAnyReplicaSeeChangesWrittenOnAnyOtherInOrder() throws Exception {
        World world = World.create();
        ServiceRunner second = new ServiceRunner("doctors-service", ServiceRunner.freePort())
                .sharingDatabaseOf(Suite.doctorsProcess())
                .env("CLINIC_GATEWAY_URL", Suite.gateway())
                .env("CLINIC_PATIENTS_URL", Suite.patients())
                .start();
        try (SseClient onFirst = SseClient.open(
                        URI.create(Suite.doctors() + "/api/v1/clinics/" + world.clinic() + "/visits/stream/"),
                        world.receptionist().token(),
                        null);
                SseClient onSecond = SseClient.open(
                        URI.create(second.url() + "/api/v1/clinics/" + world.clinic() + "/visits/stream/"),
                        world.receptionist().token(),
                        null)) {
            java.util.List<Long> written = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String replica = i % 2 == 0 ? Suite.doctors() : second.url();
                long patient = Created.id(World.as(world.receptionist())
                        .body(Map.of(
                                "patient_name",
                                "Replica " + i,
                                "date_of_birth",
                                "1990-01-01",
                                "gender",
                                "M",
                                "phone_number",
                                "98000000" + (10 + i)))
                        .post("/api/v1/clinics/{c}/patients/", world.clinic()));
                written.add(Created.id(io.restassured.RestAssured.given()
                        .baseUri(replica)
                        .auth()
                        .oauth2(world.receptionist().token())
                        .contentType(io.restassured.http.ContentType.JSON)
                        .body(Map.of("patient", patient))
                        .post("/api/v1/clinics/{c}/visits/", world.clinic())));
            }
            for (SseClient stream : new SseClient[] {onFirst, onSecond}) {
                java.util.List<SseClient.Event> events = stream.take(4, Duration.ofSeconds(10));
                assertEquals(
                        written,
                        events.stream()
                                .map(e -> JsonPath.from(e.data()).getLong("id"))
                                .toList());
                long first = Long.parseLong(events.get(0).id());
                assertEquals(
                        java.util.List.of(first, first + 1, first + 2, first + 3),
                        events.stream().map(e -> Long.parseLong(e.id())).toList());
            }
        } finally {
            second.stop();
        }
    }
}
