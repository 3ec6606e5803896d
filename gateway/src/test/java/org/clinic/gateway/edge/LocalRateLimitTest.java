package org.clinic.gateway.edge;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;

/** The in-process store: no Redis configured. */
@QuarkusTest
@TestProfile(LocalRateLimitTest.InProcess.class)
@QuarkusTestResource(PostgresDatabase.class)
class LocalRateLimitTest extends RateLimitScenarios {

    public static class InProcess implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return limits();
        }
    }
}
