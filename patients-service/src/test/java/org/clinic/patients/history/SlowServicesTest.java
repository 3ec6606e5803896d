package org.clinic.patients.history;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.SilentServer;
import org.junit.jupiter.api.Test;

/**
 * doctors- and consultations-service accept connections but never answer: a medical history times out into nulls
 * (within the clients' read timeouts), not a hang or a 500.
 */
@QuarkusTest
@TestProfile(SlowServicesTest.Slow.class)
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(
        value = SilentServer.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "clients", value = "doctors,consultations"))
class SlowServicesTest {

    public static class Slow implements QuarkusTestProfile {}

    @Test
    void historyTimesOutIntoNullsNotAHang() {
        HistoryWithoutOthers.answersWithNullParts(778_001);
    }
}
