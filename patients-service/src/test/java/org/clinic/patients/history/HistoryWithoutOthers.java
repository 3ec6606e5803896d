package org.clinic.patients.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import java.util.Map;
import org.clinic.testing.Created;
import org.clinic.testing.TestTokens;

/** A medical history asked while doctors- and consultations-service cannot answer: the patient, and nulls for them. */
final class HistoryWithoutOthers {

    private HistoryWithoutOthers() {}

    static void answersWithNullParts(long clinic) {
        long patient = Created.id(given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 3, "receptionist"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "patient_name", "Alone Test",
                        "date_of_birth", "1990-01-01",
                        "gender", "O",
                        "phone_number", "9000000001"))
                .post("/api/v1/clinics/{c}/patients/", clinic));
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 4, "doctor"))
                .get("/api/v1/clinics/{c}/patients/{id}/medical_history/", clinic, patient)
                .then()
                .statusCode(200)
                .body("data.patient.id", equalTo((int) patient))
                .body("data.visits", nullValue())
                .body("data.last_visit", nullValue())
                .body("data.prescriptions", nullValue())
                .body("data.test_reports", nullValue())
                .body("message", containsString("visits"))
                .body("message", containsString("prescriptions"));
    }
}
