package org.clinic.doctors.doctor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** With the gateway unreachable, writes that need it answer 503 in the envelope, nothing half-done. */
@QuarkusTest
@TestProfile(GatewayDownTest.NoGateway.class)
@QuarkusTestResource(PostgresDatabase.class)
class GatewayDownTest {

    public static class NoGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a port nothing listens on
            return Map.of("quarkus.rest-client.gateway.url", "http://127.0.0.1:9");
        }
    }

    @Test
    void creatingAProfileIsA503() {
        long clinic = 4242;
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 1, "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("user", 5, "license_number", "L-1"))
                .post("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .statusCode(503)
                .body("success", equalTo(false))
                .body("message", not(containsString("127.0.0.1")));
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 1, "admin"))
                .get("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .statusCode(200)
                .body("pagination.count", equalTo(0));
    }
}
