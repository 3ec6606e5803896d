package org.clinic.gateway.reports;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * The gateway with no service answering (the test profile points them at a closed port): the
 * dashboard still answers with every figure null and says why; the daily report refuses. The
 * figures themselves are tested across the real processes in e2e-tests (ReportsTest).
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class ReportsWithoutServicesTest extends GatewayTestBase {

    @Test
    void theDashboardDegradesAndTheReportRefuses() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");

        as(admin)
                .get("/api/v1/clinics/{c}/analytics/dashboard/?date=2026-11-24", clinic)
                .then()
                .statusCode(200)
                .body("data.date", equalTo("2026-11-24"))
                .body("data.total_patients", nullValue())
                .body("data.visits_today", nullValue())
                .body("data.consultations_today", nullValue())
                .body("data.doctors", nullValue())
                .body("message", containsString("patients service"))
                .body("message", containsString("doctors service"))
                .body("message", containsString("consultations service"));
        as(admin)
                .accept("text/csv")
                .get("/api/v1/clinics/{c}/reports/daily/", clinic)
                .then()
                .statusCode(503)
                .contentType("application/json")
                .body("success", equalTo(false));
    }

    @Test
    void aBadDateOrFormatIs400() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");

        as(admin)
                .get("/api/v1/clinics/{c}/analytics/dashboard/?date=24-11-2026", clinic)
                .then()
                .statusCode(400)
                .body("errors", hasKey("date"));
        as(admin)
                .get("/api/v1/clinics/{c}/reports/daily/?format=xlsx", clinic)
                .then()
                .statusCode(400)
                .body("errors", hasKey("format"));
    }
}
