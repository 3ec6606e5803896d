package org.clinic.gateway.edge;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;

/**
 * The shared store: the real Redis on 127.0.0.1:6379 ({@code CLINIC_TEST_REDIS_URL} overrides),
 * under a key prefix of this run's own.
 */
@QuarkusTest
@TestProfile(RedisRateLimitTest.SharedStore.class)
@QuarkusTestResource(PostgresDatabase.class)
class RedisRateLimitTest extends RateLimitScenarios {

    static String redisUrl() {
        String url = System.getenv("CLINIC_TEST_REDIS_URL");
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
    }

    public static class SharedStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(limits());
            config.put("clinic.rate-limit.redis-url", redisUrl());
            return config;
        }
    }
}
