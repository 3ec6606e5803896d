package org.clinic.doctors.visit;

import static org.clinic.doctors.TestClinics.as;
import static org.clinic.doctors.TestClinics.newClinicWithStaff;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.clinic.doctors.TestClinics.Clinic;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.SilentServer;
import org.junit.jupiter.api.Test;

/**
 * patients-service accepts connections and never answers: a check-in and a {@code POST visits/} time out as a 503 in
 * the envelope that names no host, make no visit, and give their key back.
 */
@QuarkusTest
@TestProfile(PatientsUnreachableTest.Silent.class)
class PatientsUnreachableTest {

    /**
     * Only these resources: the module's other tests declare a real patients-service, whose URL would compete with
     * the silent one's for the same setting.
     */
    public static class Silent implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(PostgresDatabase.class),
                    new TestResourceEntry(GatewayProcess.class),
                    new TestResourceEntry(SilentServer.class, Map.of("clients", "patients")));
        }
    }

    @Test
    void aCheckInTimesOutAsA503AndGivesItsKeyBack() {
        Clinic c = newClinicWithStaff();
        for (int attempt = 0; attempt < 2; attempt++) {
            // the second attempt reuses the key at once: the first gave it back
            as(c.receptionist())
                    .header("Idempotency-Key", "slow-1")
                    .body(Map.of("purpose", "x"))
                    .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), 41)
                    .then()
                    .statusCode(503)
                    .body("success", equalTo(false))
                    .body("message", equalTo("The patients service is unavailable; try again shortly."))
                    .body("message", not(containsString("127.0.0.1")));
        }
        as(c.receptionist())
                .body(Map.of("patient", 41))
                .post("/api/v1/clinics/{c}/visits/", c.id())
                .then()
                .statusCode(503)
                .body("message", equalTo("The patients service is unavailable; try again shortly."));
        as(c.receptionist())
                .get("/api/v1/clinics/{c}/visits/", c.id())
                .then()
                .statusCode(200)
                .body("pagination.count", equalTo(0));
    }

    @Test
    void onceHalfTheCallsFoundNoAnswerCheckInsFailFastWithoutCallingPatients() {
        Clinic c = newClinicWithStaff();
        int before = SilentServer.accepted();
        for (int i = 0; i < PatientsClient.WINDOW; i++) {
            // each waits for the read timeout (the breaker may already be open if the other test ran first)
            as(c.receptionist())
                    .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), 100 + i)
                    .then()
                    .statusCode(503);
        }
        int reached = SilentServer.accepted();
        for (int i = 0; i < 4; i++) {
            as(c.receptionist())
                    .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), 200 + i)
                    .then()
                    .statusCode(503)
                    .body("message", equalTo("The patients service is unavailable; try again shortly."));
        }
        assertEquals(
                reached, SilentServer.accepted(), "calls that reached patients-service while the breaker was open");
        // one connection a call (a timed-out call's connection is closed): the calls before the breaker opened reached
        // it
        assertTrue(reached > before, "no call reached patients-service: " + before + " → " + reached);
    }
}
