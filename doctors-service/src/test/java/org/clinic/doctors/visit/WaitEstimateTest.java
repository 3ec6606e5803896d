package org.clinic.doctors.visit;

import static org.clinic.doctors.TestClinics.as;
import static org.clinic.doctors.TestClinics.newClinicWithStaff;
import static org.clinic.doctors.TestClinics.waitingVisit;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.clinic.doctors.TestClinics.Clinic;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.SseClient;
import org.junit.jupiter.api.Test;

/**
 * API.md §8 "Waiting-time estimate": the board (and its stream) and a doctor's queue carry, for the last patient in
 * the queue, the number waiting times the doctor's median consultation over the clinic's last 14 local days, rounded
 * up; null under 5 consultations in that window. Consultations are made through the API and then given known lengths
 * in the database.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
class WaitEstimateTest {

    @TestHTTPResource("/")
    URI base;

    private static void move(Account as, long clinic, long visit, String status) {
        as(as).body(Map.of("status", status))
                .post("/api/v1/clinics/{c}/visits/{id}/transition/", clinic, visit)
                .then()
                .statusCode(200);
    }

    /** A consultation of the doctor that lasted {@code seconds}, {@code daysAgo} local days back. */
    private static void consultation(Clinic c, long seconds, int daysAgo) throws Exception {
        long visit = waitingVisit(c, c.doctorId(), null);
        move(c.doctor(), c.id(), visit, "in_consultation");
        move(c.doctor(), c.id(), visit, "completed");
        try (Connection db = PostgresDatabase.connect();
                PreparedStatement sql = db.prepareStatement("update visit set visit_day = visit_day - ?,"
                        + " completed_at = started_at + make_interval(secs => ?) where id = ?")) {
            sql.setInt(1, daysAgo);
            sql.setLong(2, seconds);
            sql.setLong(3, visit);
            assertEquals(1, sql.executeUpdate());
        }
    }

    private static JsonPath queue(Clinic c) {
        return as(c.doctor())
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), c.doctorId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Object boardEstimate(Account as, Clinic c) {
        return as(as).get("/api/v1/clinics/{c}/queue-board/", c.id())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .get("data.doctors.find { it.doctor == " + c.doctorId() + " }.estimated_wait_minutes");
    }

    @Test
    void theEstimateIsTheQueueTimesTheMedianConsultationOnceFiveAreKnown() throws Exception {
        Clinic c = newClinicWithStaff();
        Account display = newUser(c.id(), "display");
        // 14 days back is the 15th local day, outside the window: never counted
        consultation(c, 3600, 14);
        for (long seconds : new long[] {420, 300, 900, 600}) {
            consultation(c, seconds, 13);
        }
        waitingVisit(c, c.doctorId(), null);
        waitingVisit(c, c.doctorId(), null);
        waitingVisit(c, c.doctorId(), null);
        // four consultations in the window: not enough to tell
        assertEquals(3, queue(c).getInt("data.queue_count"));
        assertNull(queue(c).get("data.estimated_wait_minutes"));
        assertNull(boardEstimate(display, c));

        consultation(c, 450, 0);
        // median of 300, 420, 450, 600, 900 is 450 s: three waiting → 22.5 minutes, rounded up
        assertEquals(23, queue(c).getInt("data.estimated_wait_minutes"));
        assertEquals(23, boardEstimate(display, c));

        // the board's stream sends it with every change: one fewer waiting → 15 minutes
        try (SseClient stream = SseClient.open(
                base.resolve("api/v1/clinics/" + c.id() + "/queue-board/stream/"), display.token(), null)) {
            assertEquals(200, stream.status());
            assertEquals(23, estimateIn(stream.next(Duration.ofSeconds(10)), c));
            as(c.doctor())
                    .post("/api/v1/clinics/{c}/doctors/{id}/queue/call-next/", c.id(), c.doctorId())
                    .then()
                    .statusCode(200);
            assertEquals(15, estimateIn(stream.next(Duration.ofSeconds(10)), c));
        }
        assertEquals(15, queue(c).getInt("data.estimated_wait_minutes"));
    }

    @Test
    void anEmptyQueueWaitsNothingAndAnotherDoctorsOrClinicsConsultationsDoNotCount() throws Exception {
        Clinic c = newClinicWithStaff();
        for (long seconds : new long[] {600, 600, 600, 600, 600}) {
            consultation(c, seconds, 1);
        }
        assertEquals(0, queue(c).getInt("data.estimated_wait_minutes"));
        assertEquals(0, boardEstimate(c.admin(), c));

        // another clinic's doctor (no consultations of their own) and a second doctor here without any: the first
        // doctor's consultations count for nobody else
        Clinic other = newClinicWithStaff();
        waitingVisit(other, other.doctorId(), null);
        assertNull(queue(other).get("data.estimated_wait_minutes"));
        Account second = newUser(c.id(), "doctor");
        long secondId = org.clinic.doctors.TestClinics.doctorProfile(c.admin(), second);
        waitingVisit(c, secondId, null);
        assertNull(as(second)
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), secondId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .get("data.estimated_wait_minutes"));
        List<Object> board = as(c.admin())
                .get("/api/v1/clinics/{c}/queue-board/", c.id())
                .then()
                .extract()
                .jsonPath()
                .getList("data.doctors.estimated_wait_minutes");
        assertEquals(2, board.size());
        assertEquals(true, board.contains(0) && board.contains(null), board::toString);
    }

    private static Object estimateIn(SseClient.Event event, Clinic c) {
        assertEquals("board", event.name());
        return JsonPath.from(event.data())
                .get("doctors.find { it.doctor == " + c.doctorId() + " }.estimated_wait_minutes");
    }
}
