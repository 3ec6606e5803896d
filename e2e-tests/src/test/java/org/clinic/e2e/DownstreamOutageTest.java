package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service dies: the gateway answers 503 in the envelope, then serves again once it is back. The gateway and the
 * doctors-service killed here are this test's own (patients-service is the run's, and keeps serving): a failure here
 * leaves the processes the later tests use as they were.
 */
class DownstreamOutageTest {

    private static ServiceRunner gateway;
    private static ServiceRunner doctors;

    @BeforeAll
    static void ownGatewayAndDoctors() {
        Suite.start();
        int gatewayPort = ServiceRunner.freePort();
        int doctorsPort = ServiceRunner.freePort();
        gateway = ServiceRunner.gateway(gatewayPort)
                .env("CLINIC_PATIENTS_URL", Suite.patients())
                .env("CLINIC_DOCTORS_URL", "http://127.0.0.1:" + doctorsPort)
                .env("CLINIC_CONSULTATIONS_URL", Suite.consultations())
                .start();
        doctors = new ServiceRunner("doctors-service", doctorsPort)
                .env("CLINIC_GATEWAY_URL", gateway.url())
                .env("CLINIC_PATIENTS_URL", Suite.patients())
                .start();
    }

    @AfterAll
    static void stop() {
        if (doctors != null) {
            doctors.stop();
        }
        if (gateway != null) {
            gateway.stop();
        }
    }

    private static RequestSpecification as(Account account) {
        return given().baseUri(gateway.url()).auth().oauth2(account.token());
    }

    @Test
    void aKilledServiceIs503ThenRecovers() throws Exception {
        GatewayAccounts own = GatewayAccounts.on(gateway.url());
        long clinic = own.clinic();
        Account admin = own.user(clinic, "admin");
        as(admin).get("/api/v1/clinics/{c}/doctors/", clinic).then().statusCode(200);

        doctors.kill();
        try {
            as(admin)
                    .get("/api/v1/clinics/{c}/doctors/", clinic)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .body("success", equalTo(false))
                    .body("message", equalTo("Service temporarily unavailable. Please retry shortly."))
                    .body("data", equalTo(null))
                    .body(not(containsString("127.0.0.1")));
            // the other services carry on
            as(admin).get("/api/v1/clinics/{c}/patients/", clinic).then().statusCode(200);
        } finally {
            doctors.start();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response answer;
        do {
            answer = as(admin).get("/api/v1/clinics/{c}/doctors/", clinic);
        } while (answer.statusCode() != 200 && System.nanoTime() < deadline && pause());
        answer.then().statusCode(200).body("success", equalTo(true));
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }
}
