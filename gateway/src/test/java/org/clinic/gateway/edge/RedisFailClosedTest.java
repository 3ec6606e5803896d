package org.clinic.gateway.edge;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** {@code RATE_LIMIT_FAIL_CLOSED=true} with Redis unreachable: refused with 503, nothing forwarded. */
@QuarkusTest
@TestProfile(RedisFailClosedTest.FailClosed.class)
@QuarkusTestResource(PostgresDatabase.class)
class RedisFailClosedTest {

    public static class FailClosed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(RateLimitScenarios.limits());
            config.put("clinic.rate-limit.redis-url", "redis://127.0.0.1:9");
            config.put("clinic.rate-limit.fail-closed", "true");
            config.put("clinic.routing.patients-url", "http://127.0.0.1:9");
            return config;
        }
    }

    @Test
    void requestsAreRefusedWhileRedisIsUnreachable() {
        long clinic = RateLimitScenarios.clinic(null);
        String token = TestTokens.clinicUser(clinic, RateLimitScenarios.user(clinic, "doctor"), "doctor");

        RateLimitScenarios.patients(clinic, token)
                .then()
                .statusCode(503)
                .body("success", equalTo(false))
                .body("message", equalTo("Service temporarily unavailable."));
    }
}
