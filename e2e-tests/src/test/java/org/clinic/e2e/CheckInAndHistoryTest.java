package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.newClinic;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts.Account;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Check-in and medical history across the real gateway, patients-service and doctors-service. */
class CheckInAndHistoryTest {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    record Clinic(long id, Account admin, Account receptionist, Account doctor, long doctorId) {}

    /** patients-service, as {@code account}. */
    private static RequestSpecification as(Account account) {
        return given().baseUri(Suite.gateway()).auth().oauth2(account.token()).contentType(ContentType.JSON);
    }

    private static Clinic newClinicWithStaff() {
        long id = newClinic();
        Account admin = newUser(id, "admin");
        Account doctor = newUser(id, "doctor");
        long doctorId = Created.id(given().baseUri(Suite.gateway())
                .auth()
                .oauth2(admin.token())
                .contentType(ContentType.JSON)
                .body(Map.of("user", doctor.id(), "license_number", "L-" + UUID.randomUUID()))
                .post("/api/v1/clinics/{c}/doctors/", id));
        return new Clinic(id, admin, newUser(id, "receptionist"), doctor, doctorId);
    }

    private static long newPatient(Account as) {
        return Created.id(as(as).body(Map.of(
                        "patient_name",
                        "Meena Das",
                        "date_of_birth",
                        "1975-06-30",
                        "gender",
                        "F",
                        "phone_number",
                        "9123456780"))
                .post("/api/v1/clinics/{c}/patients/", as.clinicId()));
    }

    private static Response checkIn(Account as, long patient, Long doctor) {
        Map<String, Object> body = new HashMap<>();
        body.put("purpose", "Follow-up");
        if (doctor != null) {
            body.put("doctor", doctor);
        }
        return as(as).body(body).post("/api/v1/clinics/{c}/patients/{id}/check_in/", as.clinicId(), patient);
    }

    @Test
    void checkInAnswersWithTheVisitTokenAndQueuePlace() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        checkIn(c.receptionist(), patient, c.doctorId())
                .then()
                .statusCode(201)
                .header("Location", matchesPattern("/api/v1/clinics/" + c.id() + "/visits/\\d+/"))
                .body("message", equalTo("Patient checked in successfully"))
                .body("data.token_number", equalTo(1))
                .body("data.doctor", equalTo((int) c.doctorId()))
                .body("data.queue_position", equalTo(1))
                .body("data.visit_id", org.hamcrest.Matchers.notNullValue());
        checkIn(c.receptionist(), newPatient(c.receptionist()), null)
                .then()
                .statusCode(201)
                .body("data.token_number", equalTo(2))
                .body("data.doctor", nullValue())
                .body("data.queue_position", equalTo(1));
    }

    @Test
    void aRepeatedCheckInWithTheSameKeyFindsTheSameVisit() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        String key = UUID.randomUUID().toString();
        Response first = as(c.receptionist())
                .header("Idempotency-Key", key)
                .body(Map.of("purpose", "Pain"))
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), patient);
        first.then().statusCode(201);
        as(c.receptionist())
                .header("Idempotency-Key", key)
                .body(Map.of("purpose", "Pain"))
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), patient)
                .then()
                .statusCode(201)
                .body("data.visit_id", equalTo(first.jsonPath().getInt("data.visit_id")))
                .body("data.token_number", equalTo(1));
        checkIn(c.receptionist(), newPatient(c.receptionist()), null).then().body("data.token_number", equalTo(2));
    }

    @Test
    void doctorsServiceRefusalsPassThrough() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        checkIn(c.receptionist(), patient, null).then().statusCode(201);
        checkIn(c.receptionist(), patient, null).then().statusCode(409).body("success", equalTo(false));
        checkIn(c.receptionist(), newPatient(c.receptionist()), 987_654_321L)
                .then()
                .statusCode(400)
                .body("errors", hasKey("doctor"));
    }

    @Test
    void inactiveOrUnknownPatientsAndWrongRolesAreRefused() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        as(c.receptionist())
                .body(Map.of("status", "inactive"))
                .patch("/api/v1/clinics/{c}/patients/{id}/", c.id(), patient)
                .then()
                .statusCode(200);
        checkIn(c.receptionist(), patient, null).then().statusCode(409);

        Clinic other = newClinicWithStaff();
        long theirs = newPatient(other.receptionist());
        checkIn(c.receptionist(), theirs, null).then().statusCode(404);
        checkIn(c.doctor(), newPatient(c.receptionist()), null).then().statusCode(403);
        checkIn(c.admin(), newPatient(c.receptionist()), null).then().statusCode(201);
    }

    @Test
    void medicalHistoryCountsEveryServicesRecords() {
        Clinic c = newClinicWithStaff();
        long patient = newPatient(c.receptionist());
        as(c.doctor())
                .get("/api/v1/clinics/{c}/patients/{id}/medical_history/", c.id(), patient)
                .then()
                .statusCode(200)
                .body("data.visits", equalTo(0))
                .body("data.last_visit", nullValue());
        checkIn(c.receptionist(), patient, c.doctorId()).then().statusCode(201);

        given().baseUri(Suite.gateway())
                .auth()
                .oauth2(c.doctor().token())
                .contentType(ContentType.JSON)
                .body(Map.of("patient", patient, "medicines", List.of(Map.of("medicine_name", "ORS", "quantity", 4))))
                .post("/api/v1/clinics/{c}/prescriptions/", c.id())
                .then()
                .statusCode(201);
        as(c.doctor())
                .get("/api/v1/clinics/{c}/patients/{id}/medical_history/", c.id(), patient)
                .then()
                .statusCode(200)
                .body("message", equalTo("Medical history retrieved successfully"))
                .body("data.patient.id", equalTo((int) patient))
                .body("data.visits", equalTo(1))
                .body("data.last_visit.token_number", equalTo(1))
                .body("data.last_visit.status", equalTo("checked_in"))
                .body("data.prescriptions", equalTo(1))
                .body("data.test_reports", equalTo(0));
        as(c.receptionist())
                .get("/api/v1/clinics/{c}/patients/{id}/medical_history/", c.id(), patient)
                .then()
                .statusCode(403);
        Clinic other = newClinicWithStaff();
        as(other.doctor())
                .get("/api/v1/clinics/{c}/patients/{id}/medical_history/", other.id(), patient)
                .then()
                .statusCode(404);
    }
}
