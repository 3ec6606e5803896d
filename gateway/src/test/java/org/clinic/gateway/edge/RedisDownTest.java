package org.clinic.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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

/**
 * Redis configured but unreachable (nothing listens on port 9): requests keep flowing under this
 * replica's local limits, the fallback metric rises, and readiness stays up (API.md §5).
 */
@QuarkusTest
@TestProfile(RedisDownTest.UnreachableRedis.class)
@QuarkusTestResource(PostgresDatabase.class)
class RedisDownTest {

    public static class UnreachableRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(RateLimitScenarios.limits());
            config.put("clinic.rate-limit.redis-url", "redis://127.0.0.1:9");
            return config;
        }
    }

    @Test
    void requestsAreCountedLocallyAndTheGatewayStaysReady() {
        long clinic = RateLimitScenarios.clinic(null);
        String token = TestTokens.clinicUser(clinic, RateLimitScenarios.user(clinic, "doctor"), "doctor");

        for (int i = 1; i <= RateLimitScenarios.USER; i++) {
            RateLimitScenarios.patients(clinic, token)
                    .then()
                    .statusCode(503)
                    .header("RateLimit-Remaining", String.valueOf(RateLimitScenarios.USER - i));
        }
        RateLimitScenarios.patients(clinic, token).then().statusCode(429);

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("gateway_rate_limit_fallback_total"))
                .body(containsString("gateway_rate_limit_redis_available 0.0"));
    }
}
