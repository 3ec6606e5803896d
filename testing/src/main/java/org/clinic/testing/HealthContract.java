package org.clinic.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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
                .body("checks.name", hasItem("database"))
                // the pool that serves only: no check on DB_JDBC_URL (PostgreSQL itself, past any pooler)
                .body("checks.name", not(hasItem(containsString("Database connections"))));
    }

    /**
     * Ready means its database answers: with the database refusing connections (and this service's cut) it is not
     * ready (503, DOWN); when the database is back it is ready again by itself.
     */
    @Test
    void isNotReadyWhileItsDatabaseIsUnavailableAndReadyAgainAfter() throws Exception {
        String database = PostgresDatabase.currentDatabase();
        given().get("/q/health/ready").then().statusCode(200);
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(
                        PostgresDatabase.jdbcUrl("postgres"), PostgresDatabase.user(), PostgresDatabase.password());
                java.sql.Statement sql = admin.createStatement()) {
            try {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
                awaitReadiness(503, "DOWN");
            } finally {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
        }
        awaitReadiness(200, "UP");
    }

    private static void awaitReadiness(int status, String state) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        io.restassured.response.Response last;
        do {
            last = given().get("/q/health/ready");
            if (last.statusCode() == status && state.equals(last.path("status"))) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("readiness never became " + status + " " + state + ": " + last.asString());
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
