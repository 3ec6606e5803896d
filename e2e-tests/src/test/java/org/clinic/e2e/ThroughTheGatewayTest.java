package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.asSuperuser;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayAccounts.Account;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The product as the front-end apps use it: everything through the gateway. */
class ThroughTheGatewayTest {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    /** The seed's own test cases (section 9.1), through the gateway to patients-service. */
    @Test
    void theSeedsPatientApiTestCases() {
        long clinic = Created.id(asSuperuser()
                .body(Map.of(
                        "name", "Test Clinic",
                        "slug", "test-clinic-" + UUID.randomUUID().toString().substring(0, 8),
                        "email", "test@clinic.com",
                        "phone_number", "1234567890",
                        "address", "Test Address",
                        "city", "Test City",
                        "state", "Test State",
                        "zip_code", "123456",
                        "registration_number", "REG-123456",
                        // the seed's "GSTIN123456" is no GSTIN (15 characters, docs/api-notes.md)
                        "gstin", "29ABCDE1234F1Z5"))
                .post("/api/v1/clinics/"));
        newUser(clinic, "admin");
        newUser(clinic, "doctor");
        Account receptionist = newUser(clinic, "receptionist");

        // test_patient_list_requires_authentication
        given().baseUri(Suite.gateway())
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(401);
        // test_receptionist_can_list_patients
        World.as(receptionist)
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(200);
        // test_create_patient_as_receptionist
        Map<String, Object> data = new HashMap<>();
        data.put("patient_name", "John Doe");
        data.put("date_of_birth", "1990-01-01");
        data.put("gender", "M");
        data.put("phone_number", "9876543210");
        data.put("address", "Test Address");
        data.put("city", "Test City");
        data.put("state", "Test State");
        data.put("zip_code", "123456");
        data.put("emergency_contact_name", "Jane Doe");
        data.put("emergency_contact_phone", "9876543210");
        data.put("identification_type", "Aadhaar");
        data.put("identification_number", "123456789012");
        World.as(receptionist)
                .body(data)
                .post("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("data.identification_number", equalTo("********9012"));
    }

    @Test
    void loginCreatePatientCheckInAndSeeTheQueue() {
        long clinic = GatewayAccounts.newClinic();
        Account admin = newUser(clinic, "admin");
        Account doctor = newUser(clinic, "doctor");
        Account receptionist = newUser(clinic, "receptionist");
        String access = given().baseUri(Suite.gateway())
                .contentType(ContentType.JSON)
                .body(Map.of("username", receptionist.username(), "password", GatewayAccounts.PASSWORD))
                .post("/api/v1/clinics/{c}/auth/token/", clinic)
                .then()
                .statusCode(200)
                .extract()
                .path("data.access");
        long doctorId = Created.id(World.as(admin)
                .body(Map.of("user", doctor.id(), "license_number", "L-" + UUID.randomUUID()))
                .post("/api/v1/clinics/{c}/doctors/", clinic));

        long patient = given().baseUri(Suite.gateway())
                .auth()
                .oauth2(access)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "patient_name", "Anita Rao",
                        "date_of_birth", "1992-03-04",
                        "gender", "F",
                        "phone_number", "+919812345678"))
                .post("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201)
                .body("data.patient_id", equalTo("P-000001"))
                .extract()
                .jsonPath()
                .getLong("data.id");
        String requestId = "desk-" + UUID.randomUUID();
        long visit = given().baseUri(Suite.gateway())
                .auth()
                .oauth2(access)
                .contentType(ContentType.JSON)
                .header("X-Request-ID", requestId)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("purpose", "Headache", "doctor", doctorId))
                .post("/api/v1/clinics/{c}/patients/{p}/check_in/", clinic, patient)
                .then()
                .statusCode(201)
                .header("X-Request-ID", requestId)
                .body("message", equalTo("Patient checked in successfully"))
                .body("data.token_number", equalTo(1))
                .body("data.queue_position", equalTo(1))
                .extract()
                .jsonPath()
                .getLong("data.visit_id");

        World.as(doctor)
                .get("/api/v1/clinics/{c}/doctors/{d}/queue/", clinic, doctorId)
                .then()
                .statusCode(200)
                .body("data.queue_count", equalTo(1))
                .body("data.queue[0].id", equalTo((int) visit))
                .body("data.queue[0].patient_name", equalTo("Anita Rao"));
    }

    /**
     * Every clinic route, with another clinic's token: refused by the gateway (403) with the
     * other clinic's ids; and the other clinic's ids under one's own clinic: not found (404).
     */
    @Test
    void noRouteCrossesClinics() {
        World mine = World.create();
        World theirs = World.create();

        List<String> leaks = new ArrayList<>();
        for (Account caller : List.of(mine.admin(), mine.doctor(), mine.receptionist())) {
            for (String[] route : theirs.routes()) {
                int status =
                        World.as(caller).body("{}").request(route[0], route[1]).statusCode();
                if (status != 403) {
                    leaks.add(caller.role() + " " + route[0] + " " + route[1] + " → " + status);
                }
            }
        }
        String own = "/api/v1/clinics/" + mine.clinic() + "/";
        String[][] theirRecordsUnderMyPath = {
            {"patients/" + theirs.patient() + "/", "admin"},
            {"patients/" + theirs.patient() + "/medical_history/", "admin"},
            {"doctors/" + theirs.doctorId() + "/", "admin"},
            {"doctors/" + theirs.doctorId() + "/queue/", "admin"},
            {"visits/" + theirs.visit() + "/", "admin"},
            {"consultations/" + theirs.consultation() + "/", "admin"},
            {"prescriptions/" + theirs.prescription() + "/", "admin"},
            {"test-reports/" + theirs.testReport() + "/", "admin"},
            {"users/" + theirs.doctor().id() + "/", "admin"}
        };
        for (String[] record : theirRecordsUnderMyPath) {
            int status = World.as(mine.admin()).get(own + record[0]).statusCode();
            if (status != 404) {
                leaks.add("admin GET " + own + record[0] + " → " + status);
            }
        }
        assertThat(leaks, is(empty()));

        // and nothing of theirs changed
        World.as(theirs.admin())
                .get("/api/v1/clinics/{c}/patients/{p}/", theirs.clinic(), theirs.patient())
                .then()
                .statusCode(200)
                .body("data.patient_name", equalTo("Ravi Kumar"));
        World.as(theirs.admin())
                .get("/api/v1/clinics/{c}/test-reports/{t}/", theirs.clinic(), theirs.testReport())
                .then()
                .statusCode(200);
    }
}
