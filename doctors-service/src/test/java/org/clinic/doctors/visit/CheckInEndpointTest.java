package org.clinic.doctors.visit;

import static io.restassured.RestAssured.given;
import static org.clinic.doctors.TestClinics.as;
import static org.clinic.doctors.TestClinics.newClinicWithStaff;
import static org.clinic.doctors.TestClinics.newPatient;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.doctors.TestClinics.Clinic;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.Race;
import org.clinic.testing.RefusedAnswers;
import org.junit.jupiter.api.Test;

/**
 * {@code patients/{id}/check_in/} (API.md §3), served here where visits live: the patient is looked up in the
 * real patients-service, the visit is made in this one.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
class CheckInEndpointTest {

    private static Response checkIn(Account as, long clinic, long patient, Map<String, Object> body, String key) {
        var request = as(as).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/clinics/{c}/patients/{id}/check_in/", clinic, patient);
    }

    private static Response checkIn(Account as, long patient, Long doctor) {
        Map<String, Object> body = new HashMap<>();
        body.put("purpose", "Fever");
        if (doctor != null) {
            body.put("doctor", doctor);
        }
        return checkIn(as, as.clinicId(), patient, body, null);
    }

    private static int visitCount(Account as, long patient) {
        return as(as).get("/api/v1/clinics/{c}/visits/?patient={p}", as.clinicId(), patient)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("pagination.count");
    }

    @Test
    void aCheckInAnswersTheVisitItMade() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        Response answer = checkIn(c.receptionist(), patient, c.doctorId());
        answer.then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("message", equalTo("Patient checked in successfully"))
                .body("data.token_number", equalTo(1))
                .body("data.doctor", equalTo((int) c.doctorId()))
                .body("data.queue_position", equalTo(1));
        JsonPath data = answer.jsonPath();
        assertEquals(
                List.of("doctor", "queue_position", "token_number", "visit_id"),
                data.getMap("data").keySet().stream().sorted().toList());
        long visit = data.getLong("data.visit_id");
        assertEquals("/api/v1/clinics/" + c.id() + "/visits/" + visit + "/", answer.header("Location"));
        as(c.receptionist())
                .get("/api/v1/clinics/{c}/visits/{id}/", c.id(), visit)
                .then()
                .statusCode(200)
                .body("data.patient", equalTo((int) patient))
                .body("data.purpose", equalTo("Fever"))
                .body("data.status", equalTo("checked_in"));
        // no doctor: the unassigned queue, and a body is optional
        long another = newPatient(c.receptionist());
        as(c.receptionist())
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), another)
                .then()
                .statusCode(201)
                .body("data.token_number", equalTo(2))
                .body("data.doctor", nullValue());
    }

    /**
     * A check-in racing a change that closes the patient's open visit waits for that change (V3's unique index sees
     * the visit being changed), then checks in, and holds nothing the change needs meanwhile: the clinic's live-event
     * counter is taken only once the visit is written. Taken first (PostgreSQL is free to run a statement's steps in
     * any order), the change's own event waited for the check-in while the check-in waited for the change: a
     * deadlock, which PostgreSQL broke by failing one of them.
     */
    @Test
    void aCheckInWaitingForAVisitBeingClosedHoldsNothingTheCloseNeeds() throws Exception {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        long first = checkIn(c.receptionist(), patient, null)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("data.visit_id");
        java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection db = PostgresDatabase.connect();
                java.sql.Statement change = db.createStatement()) {
            db.setAutoCommit(false);
            change.executeUpdate("update visit set status = 'completed', completed_at = now() where id = " + first);
            java.util.concurrent.Future<Response> again = sender.submit(() -> checkIn(c.receptionist(), patient, null));
            Thread.sleep(700);
            assertEquals(false, again.isDone(), "the check-in waits for the visit being closed");
            // what the change's transaction does next (VisitEvents): its live event takes the clinic's counter
            change.executeUpdate("insert into visit_event_counter (clinic_id, last_id) values (" + c.id() + ", 1)"
                    + " on conflict (clinic_id) do update set last_id = visit_event_counter.last_id + 1");
            db.commit();
            Response answer = again.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(201, answer.statusCode(), answer.asString());
        } finally {
            sender.shutdownNow();
        }
    }

    @Test
    void whatCannotBeCheckedInIsRefusedAndChangesNothing() {
        Clinic c = newClinicWithStaff();
        Clinic other = newClinicWithStaff();
        // no such patient here (none at all, or another clinic's): 404 as patients-service says it
        checkIn(c.receptionist(), 987_654_321L, null)
                .then()
                .statusCode(404)
                .body("message", equalTo("Patient not found."));
        long theirs = newPatient(other.receptionist());
        checkIn(c.receptionist(), theirs, null).then().statusCode(404);
        assertEquals(0, visitCount(other.receptionist(), theirs));

        long patient = newPatient(c.receptionist());
        given().baseUri(PatientsProcess.url())
                .auth()
                .oauth2(c.receptionist().token())
                .contentType(ContentType.JSON)
                .body(Map.of("status", "inactive"))
                .patch("/api/v1/clinics/{c}/patients/{id}/", c.id(), patient)
                .then()
                .statusCode(200);
        checkIn(c.receptionist(), patient, null)
                .then()
                .statusCode(409)
                .body("message", equalTo("An inactive or deceased patient cannot be checked in."));

        long mine = newPatient(c.receptionist());
        checkIn(c.receptionist(), mine, other.doctorId()).then().statusCode(400).body("errors", hasKey("doctor"));
        checkIn(c.receptionist(), c.id(), mine, Map.of("purpose", "x".repeat(501)), null)
                .then()
                .statusCode(400)
                .body("errors", hasKey("purpose"));
        checkIn(c.receptionist(), c.id(), mine, Map.of("doctor", -1), null)
                .then()
                .statusCode(400)
                .body("errors", hasKey("doctor"));
        // a body that is not JSON, or not sent as JSON
        as(c.receptionist())
                .body("{\"purpose\": ")
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), mine)
                .then()
                .statusCode(400)
                .body("success", equalTo(false));
        given().auth()
                .oauth2(c.receptionist().token())
                .contentType(ContentType.TEXT)
                .body("purpose=x")
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), mine)
                .then()
                .statusCode(415)
                .body("success", equalTo(false));
        assertEquals(0, visitCount(c.receptionist(), patient));
        assertEquals(0, visitCount(c.receptionist(), mine));

        checkIn(c.receptionist(), mine, null).then().statusCode(201);
        checkIn(c.receptionist(), mine, c.doctorId())
                .then()
                .statusCode(409)
                .body("message", equalTo("The patient already has an open visit today."));
        assertEquals(1, visitCount(c.receptionist(), mine));
    }

    @Test
    void onlyTheDeskAndAdminsOfThePathsClinicCheckIn() {
        Clinic c = newClinicWithStaff();
        Clinic other = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        checkIn(c.doctor(), patient, null).then().statusCode(403);
        checkIn(newUser(c.id(), "display"), patient, null).then().statusCode(403);
        // another clinic's staff, on this clinic's path: refused before anything is read
        checkIn(other.receptionist(), c.id(), patient, Map.of(), null).then().statusCode(403);
        assertEquals(0, visitCount(c.receptionist(), patient));
        checkIn(c.admin(), patient, null).then().statusCode(201);
        // a superuser, in any clinic's path
        long another = newPatient(c.receptionist());
        given().auth()
                .oauth2(GatewayAccounts.superuserToken())
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", "Review"))
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), another)
                .then()
                .statusCode(201)
                .body("data.token_number", equalTo(2));
    }

    @Test
    void aRetriedCheckInWithItsKeyGetsTheFirstVisitEvenWhenRacing() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        String key = "desk-" + UUID.randomUUID();
        List<Response> answers =
                Race.of(4, n -> checkIn(c.receptionist(), c.id(), patient, Map.of("purpose", "Cough"), key));
        Response first = answers.stream()
                .filter(a -> a.statusCode() == 201)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check-in answered 201: "
                        + answers.stream().map(Response::statusCode).toList()));
        for (Response answer : answers) {
            // each one either came after the first committed and got its answer, or was told the key is in flight
            if (answer.statusCode() == 201) {
                assertEquals(first.asString(), answer.asString());
            } else {
                assertEquals(409, answer.statusCode(), answer.asString());
            }
        }
        checkIn(c.receptionist(), c.id(), patient, Map.of("purpose", "Cough"), key)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("data.visit_id", equalTo(first.jsonPath().getInt("data.visit_id")));
        assertEquals(1, visitCount(c.receptionist(), patient));
        // the key names this check-in only: on POST visits/ it is not a replay of it
        as(c.receptionist())
                .header("Idempotency-Key", key)
                .body(Map.of("patient", patient))
                .post("/api/v1/clinics/{c}/visits/", c.id())
                .then()
                .statusCode(409)
                .body("message", equalTo("This Idempotency-Key was already used with a different request."));
        assertEquals(1, visitCount(c.receptionist(), patient));
    }

    /**
     * Issue 27: a check-in whose answer could not be recorded leaves no visit behind (the visit and the key's answer
     * commit together), so its retry with the same key checks the patient in, once, instead of "open visit today"
     * for ever; from then on the retry gets that first visit.
     */
    @Test
    void aCheckInWhoseAnswerWasNotRecordedLeavesNoVisitAndItsRetryConverges() throws Exception {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        String key = RefusedAnswers.key();
        try (RefusedAnswers refused = RefusedAnswers.install()) {
            Response failed = checkIn(c.receptionist(), c.id(), patient, Map.of("purpose", "Fever"), key);
            org.junit.jupiter.api.Assertions.assertTrue(failed.statusCode() >= 500, failed.asString());
            assertEquals(0, visitCount(c.receptionist(), patient), "the visit was rolled back with its answer");
        }
        Response first = checkIn(c.receptionist(), c.id(), patient, Map.of("purpose", "Fever"), key);
        first.then().statusCode(201);
        Response again = checkIn(c.receptionist(), c.id(), patient, Map.of("purpose", "Fever"), key);
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertEquals(1, visitCount(c.receptionist(), patient));
    }
}
