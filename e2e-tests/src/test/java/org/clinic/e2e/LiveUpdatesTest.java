package org.clinic.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
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
            long patient = World.as(world.receptionist())
                    .body(Map.of(
                            "patient_name",
                            "Meera Iyer",
                            "date_of_birth",
                            "1985-06-01",
                            "gender",
                            "F",
                            "phone_number",
                            "9822222222"))
                    .post("/api/v1/clinics/{c}/patients/", world.clinic())
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("data.id");
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
}
