package org.clinic.patients.checkin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.SilentServer;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** doctors- and consultations-service accept connections but never answer: timeouts, not hangs or 500s. */
@QuarkusTest
@TestProfile(SlowServicesTest.Slow.class)
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(
        value = SilentServer.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "clients", value = "doctors,consultations"))
class SlowServicesTest {

    public static class Slow implements QuarkusTestProfile {}

    @Test
    void checkInTimesOutAsA503AndHistoryAnswersWithNulls() {
        long clinic = 778_001;
        long patient = given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 3, "receptionist"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "patient_name",
                        "Slow Test",
                        "date_of_birth",
                        "1990-01-01",
                        "gender",
                        "O",
                        "phone_number",
                        "9000000002"))
                .post("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("data.id");
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 3, "receptionist"))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "slow-1")
                .body(Map.of("purpose", "x"))
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", clinic, patient)
                .then()
                .statusCode(503)
                .body("success", equalTo(false));
        // the failed check-in gave its key back: the same key may be used again at once
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 3, "receptionist"))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "slow-1")
                .body(Map.of("purpose", "x"))
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", clinic, patient)
                .then()
                .statusCode(503);
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 4, "doctor"))
                .get("/api/v1/clinics/{c}/patients/{id}/medical_history/", clinic, patient)
                .then()
                .statusCode(200)
                .body("data.visits", nullValue())
                .body("data.prescriptions", nullValue())
                .body("message", containsString("visits"));
    }
}
