package org.clinic.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * What every service answers to its operator (API.md §6): liveness, readiness with its
 * database, Prometheus metrics, and its OpenAPI document. A service test class extends it.
 */
public abstract class HealthContract {

    @Test
    void isLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyWithItsDatabase() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void servesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void unknownClinicRouteIsA404Envelope() {
        given().auth()
                .oauth2(TestTokens.clinicUser(1, 1, "admin"))
                .get("/api/v1/clinics/1/nothing-here/")
                .then()
                .statusCode(404)
                .body("success", equalTo(false));
    }
}
