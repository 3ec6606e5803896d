package org.clinic.consultations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** patients- and doctors-service unreachable: writes that need them are a 503, and store nothing. */
@QuarkusTest
@TestProfile(DownstreamDownTest.NothingAnswers.class)
@QuarkusTestResource(PostgresDatabase.class)
class DownstreamDownTest {

    public static class NothingAnswers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.rest-client.doctors.url", "http://127.0.0.1:9",
                    "quarkus.rest-client.patients.url", "http://127.0.0.1:9");
        }
    }

    @Test
    void writesAre503AndNothingIsStored() throws Exception {
        long clinic = 660_001;
        for (String path : List.of("consultations", "prescriptions")) {
            given().auth()
                    .oauth2(TestTokens.clinicUser(clinic, 5, "doctor"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("patient", 1, "medicines", List.of(Map.of("medicine_name", "A", "quantity", 1))))
                    .post("/api/v1/clinics/{c}/" + path + "/", clinic)
                    .then()
                    .statusCode(503)
                    .body("success", equalTo(false))
                    .body("message", not(containsString("127.0.0.1")));
        }
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 5, "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("patient", 1, "test_name", "CBC"))
                .post("/api/v1/clinics/{c}/test-reports/", clinic)
                .then()
                .statusCode(503);
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select (select count(*) from consultation)"
                                + " + (select count(*) from prescription) + (select count(*) from test_report)")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }
}
