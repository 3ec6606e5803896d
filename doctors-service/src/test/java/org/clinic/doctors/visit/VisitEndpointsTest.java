package org.clinic.doctors.visit;

import static io.restassured.RestAssured.given;
import static org.clinic.doctors.TestClinics.as;
import static org.clinic.doctors.TestClinics.doctorProfile;
import static org.clinic.doctors.TestClinics.newClinicWithStaff;
import static org.clinic.doctors.TestClinics.newPatient;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.doctors.TestClinics.Clinic;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.Race;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
class VisitEndpointsTest {

    @Inject
    SettableClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private static Response checkIn(Account as, long patient, Long doctor) {
        Map<String, Object> body = new HashMap<>();
        body.put("patient", patient);
        body.put("purpose", "Fever");
        if (doctor != null) {
            body.put("doctor", doctor);
        }
        return as(as).body(body).post("/api/v1/clinics/{c}/visits/", as.clinicId());
    }

    private static long visitId(Response response) {
        return Created.id(response);
    }

    private static Response transition(Account as, long visit, String status) {
        return as(as).body(Map.of("status", status))
                .post("/api/v1/clinics/{c}/visits/{id}/transition/", as.clinicId(), visit);
    }

    @Test
    void checkInIssuesTheNextTokenAndQueuePlace() {
        Clinic c = newClinicWithStaff();
        long first = newPatient(c.receptionist());
        checkIn(c.receptionist(), first, c.doctorId())
                .then()
                .statusCode(201)
                .body("message", equalTo("Patient checked in successfully"))
                .body("data.token_number", equalTo(1))
                .body("data.queue_position", equalTo(1))
                .body("data.status", equalTo("checked_in"))
                .body("data.patient", equalTo((int) first))
                .body("data.patient_name", notNullValue())
                .body("data.assigned_doctor", equalTo((int) c.doctorId()))
                .body("data.checked_in_by", equalTo((int) c.receptionist().id()))
                .body("data.check_in_date", notNullValue())
                .body("data.started_at", nullValue());
        checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId())
                .then()
                .body("data.token_number", equalTo(2))
                .body("data.queue_position", equalTo(2));
        checkIn(c.receptionist(), newPatient(c.receptionist()), null)
                .then()
                .body("data.token_number", equalTo(3))
                .body("data.queue_position", equalTo(1))
                .body("data.assigned_doctor", nullValue());
    }

    /** One patient checked in from two desks at the same moment: one visit, the other desk gets the 409. */
    @Test
    void twoCheckInsOfOnePatientAtOnceMakeOneVisit() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        List<Response> answers = Race.of(2, n -> checkIn(c.receptionist(), patient, c.doctorId()));
        List<Integer> statuses =
                answers.stream().map(Response::statusCode).sorted().toList();
        assertEquals(
                List.of(201, 409),
                statuses,
                () -> answers.get(0).asString() + answers.get(1).asString());
        as(c.admin())
                .queryParam("patient", patient)
                .get("/api/v1/clinics/{c}/visits/", c.id())
                .then()
                .statusCode(200)
                .body("pagination.count", equalTo(1))
                .body("data[0].token_number", equalTo(1));
    }

    @Test
    void twentyConcurrentCheckInsGetTokensOneToTwenty() throws Exception {
        Clinic c = newClinicWithStaff();
        List<Long> patients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            patients.add(newPatient(c.receptionist()));
        }
        List<Integer> issued = new ArrayList<>(Race.of(20, n -> checkIn(c.receptionist(), patients.get(n), c.doctorId())
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("data.token_number")));
        issued.sort(Integer::compare);
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            expected.add(i);
        }
        assertEquals(expected, issued);
        as(c.admin())
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), c.doctorId())
                .then()
                .body("data.queue_count", equalTo(20));
    }

    @Test
    void tokensStartAtOneOnTheClinicsNextLocalDay() {
        Clinic c = newClinicWithStaff("Asia/Kolkata");
        clock.pin(Instant.parse("2026-03-10T18:00:00Z")); // 23:30 in Asia/Kolkata
        checkIn(c.receptionist(), newPatient(c.receptionist()), null).then().body("data.token_number", equalTo(1));
        checkIn(c.receptionist(), newPatient(c.receptionist()), null).then().body("data.token_number", equalTo(2));
        clock.pin(Instant.parse("2026-03-10T18:31:00Z")); // 00:01 on the 11th in Asia/Kolkata, still the 10th in UTC
        long next = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), null));
        as(c.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/", c.id(), next)
                .then()
                .body("data.token_number", equalTo(1));
        as(c.admin())
                .get("/api/v1/clinics/{c}/visits/?date=2026-03-11", c.id())
                .then()
                .body("pagination.count", equalTo(1));
        as(c.admin())
                .get("/api/v1/clinics/{c}/visits/?date=2026-03-10", c.id())
                .then()
                .body("pagination.count", equalTo(2));
        as(c.admin())
                .get("/api/v1/clinics/{c}/visits/?date=10-03-2026", c.id())
                .then()
                .statusCode(400)
                .body("errors", hasKey("date"));
    }

    @Test
    void aRepeatedCreateWithTheSameKeyReplaysTheFirstVisit() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("patient", patient, "purpose", "Rash");
        Response first = as(c.receptionist())
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/clinics/{c}/visits/", c.id());
        first.then().statusCode(201);
        Response again = as(c.receptionist())
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/clinics/{c}/visits/", c.id());
        again.then().statusCode(201);
        assertEquals(first.asString(), again.asString());
        as(c.receptionist())
                .header("Idempotency-Key", key)
                .body(Map.of("patient", patient, "purpose", "Other"))
                .post("/api/v1/clinics/{c}/visits/", c.id())
                .then()
                .statusCode(409);
        as(c.admin())
                .get("/api/v1/clinics/{c}/visits/?patient=" + patient, c.id())
                .then()
                .body("pagination.count", equalTo(1));
    }

    @Test
    void aPatientHasOneOpenVisitADay() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        long visit = visitId(checkIn(c.receptionist(), patient, null));
        checkIn(c.receptionist(), patient, c.doctorId()).then().statusCode(409);
        transition(c.receptionist(), visit, "cancelled").then().statusCode(200);
        checkIn(c.receptionist(), patient, c.doctorId()).then().statusCode(201).body("data.token_number", equalTo(2));
    }

    @Test
    void inactivePatientsAndUnknownPatientsOrDoctorsAreRefused() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        given().baseUri(PatientsProcess.url())
                .auth()
                .oauth2(c.receptionist().token())
                .contentType(ContentType.JSON)
                .body(Map.of("status", "deceased"))
                .patch("/api/v1/clinics/{c}/patients/{id}/", c.id(), patient)
                .then()
                .statusCode(200);
        checkIn(c.receptionist(), patient, null).then().statusCode(409);

        Clinic other = newClinicWithStaff();
        long theirPatient = newPatient(other.receptionist());
        checkIn(c.receptionist(), theirPatient, null).then().statusCode(400).body("errors", hasKey("patient"));
        checkIn(c.receptionist(), 987_654_321L, null).then().statusCode(400).body("errors", hasKey("patient"));

        long mine = newPatient(c.receptionist());
        checkIn(c.receptionist(), mine, other.doctorId()).then().statusCode(400).body("errors", hasKey("doctor"));
        as(c.admin())
                .delete("/api/v1/clinics/{c}/doctors/{id}/", c.id(), c.doctorId())
                .then()
                .statusCode(204);
        checkIn(c.receptionist(), mine, c.doctorId()).then().statusCode(400).body("errors", hasKey("doctor"));
    }

    @Test
    void transitionsFollowTheStateMachineAndTheRoles() {
        Clinic c = newClinicWithStaff();
        long visit = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId()));
        transition(c.doctor(), visit, "done").then().statusCode(400).body("errors", hasKey("status"));
        transition(c.doctor(), visit, "completed").then().statusCode(409);
        transition(c.receptionist(), visit, "in_consultation").then().statusCode(403);
        transition(c.doctor(), visit, "cancelled").then().statusCode(403);
        transition(c.doctor(), visit, "in_consultation")
                .then()
                .statusCode(200)
                .body("data.status", equalTo("in_consultation"))
                .body("data.started_at", notNullValue());
        transition(c.doctor(), visit, "in_consultation").then().statusCode(409);
        transition(c.receptionist(), visit, "cancelled").then().statusCode(409);
        transition(c.doctor(), visit, "completed").then().statusCode(200).body("data.completed_at", notNullValue());
        for (String any : List.of("checked_in", "in_consultation", "completed", "cancelled", "no_show")) {
            transition(c.admin(), visit, any).then().statusCode(409);
        }

        long noShow = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), null));
        transition(c.receptionist(), noShow, "no_show").then().statusCode(200).body("data.status", equalTo("no_show"));
        long byAdmin = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), null));
        transition(c.admin(), byAdmin, "in_consultation")
                .then()
                .statusCode(200)
                .body("data.assigned_doctor", nullValue());
    }

    @Test
    void aDoctorMovesOnlyTheirOwnOrUnassignedVisits() {
        Clinic c = newClinicWithStaff();
        Account otherDoctor = newUser(c.id(), "doctor");
        doctorProfile(c.admin(), otherDoctor);
        long assigned = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId()));
        transition(otherDoctor, assigned, "in_consultation").then().statusCode(403);

        long unassigned = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), null));
        transition(c.doctor(), unassigned, "in_consultation")
                .then()
                .statusCode(200)
                .body("data.assigned_doctor", equalTo((int) c.doctorId()));
        transition(otherDoctor, unassigned, "completed").then().statusCode(403);

        Account withoutProfile = newUser(c.id(), "doctor");
        long third = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), null));
        transition(withoutProfile, third, "in_consultation").then().statusCode(403);
    }

    @Test
    void theQueueListsWaitingVisitsInCheckInOrderToItsDoctor() {
        Clinic c = newClinicWithStaff();
        long first = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId()));
        long second = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId()));
        long third = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId()));
        transition(c.doctor(), first, "in_consultation").then().statusCode(200);

        as(c.doctor())
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), c.doctorId())
                .then()
                .statusCode(200)
                .body("data.doctor.id", equalTo((int) c.doctorId()))
                .body("data.queue.id", contains((int) second, (int) third))
                .body("data.queue_count", equalTo(2));
        as(c.receptionist())
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), c.doctorId())
                .then()
                .statusCode(200);

        Account otherDoctor = newUser(c.id(), "doctor");
        long otherId = doctorProfile(c.admin(), otherDoctor);
        as(otherDoctor)
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), c.doctorId())
                .then()
                .statusCode(403);
        as(otherDoctor)
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), otherId)
                .then()
                .statusCode(200)
                .body("data.queue_count", equalTo(0));

        Clinic elsewhere = newClinicWithStaff();
        as(elsewhere.admin())
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", elsewhere.id(), c.doctorId())
                .then()
                .statusCode(404);
    }

    private static Response checkIn(Account as, long patient, Long doctor, String priority) {
        Map<String, Object> body = new HashMap<>();
        body.put("patient", patient);
        body.put("priority", priority);
        if (doctor != null) {
            body.put("doctor", doctor);
        }
        return as(as).body(body).post("/api/v1/clinics/{c}/visits/", as.clinicId());
    }

    /**
     * API.md §8: a queue is ordered emergency, urgent, normal, and by check-in time within a priority; the place a
     * check-in is answered with, the doctor's queue and the board's waiting tokens all follow it, and token numbers
     * stay in check-in order. The unassigned queue has its own order and places.
     */
    @Test
    void aQueueIsOrderedByPriorityThenByCheckInTime() {
        Clinic c = newClinicWithStaff();
        Account desk = c.receptionist();
        Response normal = checkIn(desk, newPatient(desk), c.doctorId(), "normal");
        normal.then().statusCode(201).body("data.priority", equalTo("normal")).body("data.queue_position", equalTo(1));
        long first = visitId(normal);
        long urgent = visitId(checkIn(desk, newPatient(desk), c.doctorId(), "urgent")
                .then()
                .body("data.queue_position", equalTo(1))
                .extract()
                .response());
        long secondNormal = visitId(checkIn(desk, newPatient(desk), c.doctorId(), null)
                .then()
                .body("data.priority", equalTo("normal"))
                .body("data.queue_position", equalTo(3))
                .extract()
                .response());
        long emergency = visitId(checkIn(desk, newPatient(desk), c.doctorId(), "emergency")
                .then()
                .body("data.queue_position", equalTo(1))
                .body("data.token_number", equalTo(4))
                .extract()
                .response());
        long secondUrgent = visitId(checkIn(desk, newPatient(desk), c.doctorId(), "urgent")
                .then()
                .body("data.queue_position", equalTo(3))
                .extract()
                .response());
        // the unassigned queue is a queue of its own: an urgent visit there is first of it
        checkIn(desk, newPatient(desk), null, "urgent").then().body("data.queue_position", equalTo(1));
        // and the check-in route takes it too: a second emergency comes after the first
        long secondEmergency = as(desk).body(Map.of("priority", "emergency", "doctor", c.doctorId()))
                .post("/api/v1/clinics/{c}/patients/{p}/check_in/", c.id(), newPatient(desk))
                .then()
                .statusCode(201)
                .body("data.queue_position", equalTo(2))
                .body("data.token_number", equalTo(7))
                .extract()
                .jsonPath()
                .getLong("data.visit_id");

        io.restassured.path.json.JsonPath queue = as(c.doctor())
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), c.doctorId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                List.of(emergency, secondEmergency, urgent, secondUrgent, first, secondNormal),
                queue.getList("data.queue.id", Long.class));
        assertEquals(
                List.of("emergency", "emergency", "urgent", "urgent", "normal", "normal"),
                queue.getList("data.queue.priority", String.class));
        List<Integer> waiting = as(desk).get("/api/v1/clinics/{c}/queue-board/", c.id())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("data.doctors.find { it.doctor == " + c.doctorId() + " }.waiting", Integer.class);
        assertEquals(List.of(4, 7, 2, 5, 1, 3), waiting);
    }

    @Test
    void aPriorityOutsideTheThreeIsA400NamingItAndMakesNoVisit() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        for (String bad : List.of("high", "URGENT", "", " urgent")) {
            checkIn(c.receptionist(), patient, c.doctorId(), bad)
                    .then()
                    .statusCode(400)
                    .body("errors.priority", notNullValue());
        }
        as(c.receptionist())
                .body(Map.of("priority", 1))
                .post("/api/v1/clinics/{c}/patients/{p}/check_in/", c.id(), patient)
                .then()
                .statusCode(400);
        as(c.admin())
                .queryParam("patient", patient)
                .get("/api/v1/clinics/{c}/visits/", c.id())
                .then()
                .statusCode(200)
                .body("pagination.count", equalTo(0));
    }

    private static Response callNext(Account as, long clinic, long doctor) {
        return as(as).post("/api/v1/clinics/{c}/doctors/{id}/queue/call-next/", clinic, doctor);
    }

    /**
     * API.md §8: call-next takes the head of the doctor's queue in queue order, then of the unassigned queue (which
     * becomes theirs), and answers data null once nobody waits; the visit is in consultation with started_at set.
     */
    @Test
    void callNextTakesTheHeadOfTheDoctorsQueueThenOfTheUnassignedOne() {
        Clinic c = newClinicWithStaff();
        Account desk = c.receptionist();
        long normal = visitId(checkIn(desk, newPatient(desk), c.doctorId(), "normal"));
        long unassigned = visitId(checkIn(desk, newPatient(desk), null, "emergency"));
        long urgent = visitId(checkIn(desk, newPatient(desk), c.doctorId(), "urgent"));

        callNext(c.doctor(), c.id(), c.doctorId())
                .then()
                .statusCode(200)
                .body("message", equalTo("Patient called"))
                .body("data.id", equalTo((int) urgent))
                .body("data.status", equalTo("in_consultation"))
                .body("data.started_at", notNullValue())
                .body("data.assigned_doctor", equalTo((int) c.doctorId()));
        // a doctor with a visit in consultation may call the next one (the desk may call for them)
        callNext(desk, c.id(), c.doctorId()).then().statusCode(200).body("data.id", equalTo((int) normal));
        callNext(c.admin(), c.id(), c.doctorId())
                .then()
                .statusCode(200)
                .body("data.id", equalTo((int) unassigned))
                .body("data.assigned_doctor", equalTo((int) c.doctorId()));
        callNext(c.doctor(), c.id(), c.doctorId())
                .then()
                .statusCode(200)
                .body("message", equalTo("No patient is waiting"))
                .body("data", nullValue());
        as(c.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/", c.id(), normal)
                .then()
                .body("data.status", equalTo("in_consultation"));
    }

    /**
     * Eight calls at once, four for each of two doctors, with six visits waiting (three for the first doctor, three
     * unassigned): six calls take six different visits, two find nobody, and no visit is taken twice.
     */
    @Test
    void concurrentCallsNeverTakeTheSameVisitAndEachTakesOne() {
        Clinic c = newClinicWithStaff();
        Account desk = c.receptionist();
        Account otherDoctor = newUser(c.id(), "doctor");
        long otherId = doctorProfile(c.admin(), otherDoctor);
        java.util.Set<Long> waiting = new java.util.HashSet<>();
        java.util.Set<Long> firstDoctors = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            firstDoctors.add(visitId(checkIn(desk, newPatient(desk), c.doctorId(), "normal")));
            waiting.add(visitId(checkIn(desk, newPatient(desk), null, i == 0 ? "urgent" : "normal")));
        }
        waiting.addAll(firstDoctors);
        List<Long> taken = Race.of(8, n -> {
            Response answer =
                    n % 2 == 0 ? callNext(c.doctor(), c.id(), c.doctorId()) : callNext(otherDoctor, c.id(), otherId);
            answer.then().statusCode(200);
            Object id = answer.jsonPath().get("data.id");
            return id == null ? -1L : ((Number) id).longValue();
        });
        List<Long> visitsTaken = taken.stream().filter(id -> id > 0).toList();
        assertEquals(6, visitsTaken.size(), taken::toString);
        assertEquals(waiting, new java.util.HashSet<>(visitsTaken), taken::toString);
        assertEquals(2, taken.stream().filter(id -> id < 0).count(), taken::toString);
        for (int n = 1; n < 8; n += 2) {
            // the other doctor's calls take unassigned visits only: the first doctor's queue is theirs
            assertEquals(false, firstDoctors.contains(taken.get(n)), taken::toString);
        }
        for (long visit : visitsTaken) {
            io.restassured.path.json.JsonPath read = as(c.admin())
                    .get("/api/v1/clinics/{c}/visits/{id}/", c.id(), visit)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals("in_consultation", read.getString("data.status"));
        }
    }

    @Test
    void callNextIsForTheDoctorThemselvesTheDeskAndAdminsOfTheClinic() {
        Clinic c = newClinicWithStaff();
        visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId(), "normal"));
        Account otherDoctor = newUser(c.id(), "doctor");
        doctorProfile(c.admin(), otherDoctor);
        callNext(otherDoctor, c.id(), c.doctorId()).then().statusCode(403);
        callNext(newUser(c.id(), "display"), c.id(), c.doctorId()).then().statusCode(403);
        Clinic elsewhere = newClinicWithStaff();
        // another clinic's doctor: 404; another clinic's path: 403
        callNext(elsewhere.admin(), elsewhere.id(), c.doctorId()).then().statusCode(404);
        callNext(elsewhere.admin(), c.id(), c.doctorId()).then().statusCode(403);
        as(c.admin())
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), c.doctorId())
                .then()
                .body("data.queue_count", equalTo(1));
    }

    /** A call whose answer was lost is retried with its key: the same visit again, never the next patient too. */
    @Test
    void aRetriedCallWithItsKeyGetsTheSameVisit() {
        Clinic c = newClinicWithStaff();
        long first = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId(), "normal"));
        visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId(), "normal"));
        String key = "call-" + UUID.randomUUID();
        String answer = as(c.doctor())
                .header("Idempotency-Key", key)
                .post("/api/v1/clinics/{c}/doctors/{id}/queue/call-next/", c.id(), c.doctorId())
                .then()
                .statusCode(200)
                .body("data.id", equalTo((int) first))
                .extract()
                .asString();
        String again = as(c.doctor())
                .header("Idempotency-Key", key)
                .post("/api/v1/clinics/{c}/doctors/{id}/queue/call-next/", c.id(), c.doctorId())
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .extract()
                .asString();
        assertEquals(answer, again);
        as(c.admin())
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), c.doctorId())
                .then()
                .body("data.queue_count", equalTo(1));
    }

    /**
     * API.md §8: a visit's history lists its check-in, each status change and a doctor taking it, in order, with who
     * and when; it is written in the change's transaction, so a refused change leaves no entry. Another clinic's visit
     * is a 404, another clinic's path a 403.
     */
    @Test
    void aVisitsHistoryTellsEachChangeWithWhoAndWhen() {
        Clinic c = newClinicWithStaff();
        long called = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), null, "urgent"));
        callNext(c.doctor(), c.id(), c.doctorId()).then().body("data.id", equalTo((int) called));
        transition(c.doctor(), called, "completed").then().statusCode(200);
        transition(c.receptionist(), called, "cancelled").then().statusCode(409); // refused: no entry

        io.restassured.path.json.JsonPath history = as(c.receptionist())
                .get("/api/v1/clinics/{c}/visits/{id}/history/", c.id(), called)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of("checked_in", "status", "transfer", "status"), history.getList("data.kind"));
        assertEquals(
                java.util.Arrays.asList(null, "checked_in", null, "in_consultation"), history.getList("data.from"));
        assertEquals(
                List.of("checked_in", "in_consultation", String.valueOf(c.doctorId()), "completed"),
                history.getList("data.to"));
        assertEquals(
                List.of(
                        (int) c.receptionist().id(),
                        (int) c.doctor().id(),
                        (int) c.doctor().id(),
                        (int) c.doctor().id()),
                history.getList("data.actor_id"));
        assertEquals(List.of("receptionist", "doctor", "doctor", "doctor"), history.getList("data.actor_role"));
        assertEquals(
                4,
                history.getList("data.at").stream()
                        .filter(java.util.Objects::nonNull)
                        .count());

        Clinic elsewhere = newClinicWithStaff();
        as(elsewhere.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/history/", elsewhere.id(), called)
                .then()
                .statusCode(404);
        as(elsewhere.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/history/", c.id(), called)
                .then()
                .statusCode(403);
        as(newUser(c.id(), "display"))
                .get("/api/v1/clinics/{c}/visits/{id}/history/", c.id(), called)
                .then()
                .statusCode(403);
    }

    @Test
    void anotherClinicsVisitIsNotFound() {
        Clinic a = newClinicWithStaff();
        Clinic b = newClinicWithStaff();
        long visit = visitId(checkIn(a.receptionist(), newPatient(a.receptionist()), null));
        as(b.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/", b.id(), visit)
                .then()
                .statusCode(404);
        transition(b.admin(), visit, "cancelled").then().statusCode(404);
        as(b.admin()).get("/api/v1/clinics/{c}/visits/", b.id()).then().body("data.id", not(hasItem((int) visit)));
        as(b.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/", a.id(), visit)
                .then()
                .statusCode(403);
    }

    @Test
    void rolesThatMayNotCheckInAreRefused() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        checkIn(c.doctor(), patient, null).then().statusCode(403);
        checkIn(newUser(c.id(), "display"), patient, null).then().statusCode(403);
        as(c.doctor()).get("/api/v1/clinics/{c}/visits/", c.id()).then().statusCode(200);
        as(c.admin())
                .get("/api/v1/clinics/{c}/visits/?status=waiting", c.id())
                .then()
                .statusCode(400)
                .body("errors", hasKey("status"));
    }

    @Test
    void checkInsAndTransitionsAreAudited() throws Exception {
        Clinic c = newClinicWithStaff();
        long visit = visitId(checkIn(c.receptionist(), newPatient(c.receptionist()), c.doctorId()));
        transition(c.doctor(), visit, "in_consultation").then().statusCode(200);
        try (Connection db = PostgresDatabase.connect();
                ResultSet rs = db.createStatement()
                        .executeQuery("select action, actor_id from audit_event"
                                + " where resource_type = 'visit' and resource_id = " + visit + " order by id")) {
            rs.next();
            assertEquals("check_in", rs.getString(1));
            assertEquals(c.receptionist().id(), rs.getLong(2));
            rs.next();
            assertEquals("transition", rs.getString(1));
            assertEquals(c.doctor().id(), rs.getLong(2));
        }
    }
}
