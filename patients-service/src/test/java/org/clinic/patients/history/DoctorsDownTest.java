package org.clinic.patients.history;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * doctors- and consultations-service unreachable: a medical history answers with nulls for their parts. (A check-in
 * is answered by doctors-service itself: its outages are tested there and end to end.)
 */
@QuarkusTest
@TestProfile(DoctorsDownTest.NoDoctors.class)
@QuarkusTestResource(PostgresDatabase.class)
class DoctorsDownTest {

    public static class NoDoctors implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.rest-client.doctors.url", "http://127.0.0.1:9",
                    "quarkus.rest-client.consultations.url", "http://127.0.0.1:9");
        }
    }

    @Test
    void historyHasNullsWhereAServiceIsDown() {
        HistoryWithoutOthers.answersWithNullParts(777_001);
    }
}
