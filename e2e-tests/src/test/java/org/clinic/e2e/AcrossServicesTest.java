package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.asSuperuser;
import static org.clinic.testing.GatewayAccounts.newClinic;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts.Account;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What travels between the services: the request id, and a doctor's name after a rename. */
class AcrossServicesTest {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void theRequestIdTravelsFromCheckInToTheVisitsAuditEvent() throws Exception {
        long clinic = newClinic();
        Account receptionist = newUser(clinic, "receptionist");
        long patient = Created.id(given().baseUri(Suite.gateway())
                .auth()
                .oauth2(receptionist.token())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "patient_name",
                        "Trace Me",
                        "date_of_birth",
                        "1999-09-09",
                        "gender",
                        "F",
                        "phone_number",
                        "9888877777"))
                .post("/api/v1/clinics/{c}/patients/", clinic));
        String requestId = "e2e-" + UUID.randomUUID();
        long visit = given().baseUri(Suite.gateway())
                .auth()
                .oauth2(receptionist.token())
                .contentType(ContentType.JSON)
                .header("X-Request-ID", requestId)
                .body(Map.of("purpose", "Trace"))
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", clinic, patient)
                .then()
                .statusCode(201)
                .header("X-Request-ID", requestId)
                .extract()
                .jsonPath()
                .getLong("data.visit_id");
        try (Connection db = Suite.doctorsProcess().connect();
                ResultSet rs = db.createStatement()
                        .executeQuery(
                                "select request_id from audit_event where resource_type = 'visit' and resource_id = "
                                        + visit)) {
            rs.next();
            assertEquals(requestId, rs.getString(1));
        }
    }

    @Test
    void aDoctorsRenameInTheGatewayReachesTheirProfile() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account doctor = newUser(clinic, "doctor");
        long profile = given().baseUri(Suite.gateway())
                .auth()
                .oauth2(admin.token())
                .contentType(ContentType.JSON)
                .body(Map.of("user", doctor.id(), "license_number", "L-" + UUID.randomUUID()))
                .post("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .statusCode(201)
                .body("data.user_name", equalTo("Test doctor"))
                .extract()
                .jsonPath()
                .getLong("data.id");
        asSuperuser()
                .body(Map.of("first_name", "Kavya", "last_name", "Menon"))
                .patch("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(200);
        given().baseUri(Suite.gateway())
                .auth()
                .oauth2(admin.token())
                .get("/api/v1/clinics/{c}/doctors/{id}/", clinic, profile)
                .then()
                .statusCode(200)
                .body("data.user_name", equalTo("Kavya Menon"));
    }
}
