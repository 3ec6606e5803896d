package org.clinic.patients.checkin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** doctors-service unreachable: check-in is a 503 in the envelope, history answers with nulls. */
@QuarkusTest
@TestProfile(DoctorsDownTest.NoDoctors.class)
@QuarkusTestResource(PostgresDatabase.class)
class DoctorsDownTest {

    public static class NoDoctors implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.rest-client.doctors.url", "http://127.0.0.1:9",
                    "quarkus.rest-client.consultations.url", "http://127.0.0.1:9");
        }
    }

    @Test
    void checkInIsA503AndHistoryHasNulls() {
        long clinic = 777_001;
        long patient = given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 3, "receptionist"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "patient_name",
                        "Down Test",
                        "date_of_birth",
                        "1990-01-01",
                        "gender",
                        "O",
                        "phone_number",
                        "9000000001"))
                .post("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("data.id");
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 3, "receptionist"))
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", "x"))
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", clinic, patient)
                .then()
                .statusCode(503)
                .body("success", equalTo(false))
                .body("message", not(containsString("127.0.0.1")));
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 4, "doctor"))
                .get("/api/v1/clinics/{c}/patients/{id}/medical_history/", clinic, patient)
                .then()
                .statusCode(200)
                .body("data.visits", nullValue())
                .body("data.prescriptions", nullValue())
                .body("data.patient.id", equalTo((int) patient))
                .body("message", containsString("visits"));
    }
}
