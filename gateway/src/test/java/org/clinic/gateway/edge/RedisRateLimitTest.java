package org.clinic.gateway.edge;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestRedis;

/**
 * The shared store: a real Redis ({@link TestRedis}), under a key prefix of this run's own.
 */
@QuarkusTest
@TestProfile(RedisRateLimitTest.SharedStore.class)
@QuarkusTestResource(PostgresDatabase.class)
class RedisRateLimitTest extends RateLimitScenarios {

    public static class SharedStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(limits());
            config.put("clinic.rate-limit.redis-url", TestRedis.url());
            return config;
        }
    }
}
