package org.clinic.e2e;

import static org.clinic.testing.GatewayAccounts.newClinic;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import java.time.Duration;
import org.clinic.testing.GatewayAccounts.Account;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A service dies: the gateway answers 503 in the envelope, then serves again once it is back. */
class DownstreamOutageTest {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void aKilledServiceIs503ThenRecovers() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        World.as(admin).get("/api/v1/clinics/{c}/doctors/", clinic).then().statusCode(200);

        Suite.doctorsProcess().kill();
        try {
            World.as(admin)
                    .get("/api/v1/clinics/{c}/doctors/", clinic)
                    .then()
                    .statusCode(503)
                    .body("success", equalTo(false))
                    .body("message", equalTo("Service temporarily unavailable. Please retry shortly."))
                    .body("data", equalTo(null))
                    .body(not(containsString("127.0.0.1")));
            // the other services carry on
            World.as(admin).get("/api/v1/clinics/{c}/patients/", clinic).then().statusCode(200);
        } finally {
            Suite.doctorsProcess().start();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response answer;
        do {
            answer = World.as(admin).get("/api/v1/clinics/{c}/doctors/", clinic);
        } while (answer.statusCode() != 200 && System.nanoTime() < deadline && pause());
        answer.then().statusCode(200).body("success", equalTo(true));
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }
}
