package org.clinic.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 through the real gateway, behind a trusted proxy: the tests' own connections come from 127.0.0.1, which
 * this profile trusts, so each request plays the ingress. The client is the right-most forwarded address that is not
 * a trusted proxy: what a client writes to the left of it buys no new anonymous budget, and the service is told the
 * same client. (Without trusted proxies the header is ignored: RateLimitScenarios, ProxyEdgeTest.)
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindIngress.class)
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = RecordingService.class, restrictToAnnotatedClass = true)
class TrustedProxyTest {

    public static class BehindIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(RateLimitScenarios.limits());
            config.put("clinic.edge.trusted-proxies", "127.0.0.1/32,10.0.0.0/8");
            return config;
        }
    }

    @BeforeEach
    void forget() {
        RecordingService.clear();
    }

    private static Response anonymous(String... forwardedFor) {
        var request = given();
        for (String line : forwardedFor) {
            request = request.header(ClientAddresses.HEADER, line);
        }
        return request.get("/.well-known/jwks.json");
    }

    @Test
    void whatAClientWritesLeftOfTheProxysEntryBuysNoNewBudget() {
        int limit = RateLimitScenarios.ANONYMOUS;
        for (int i = 1; i <= limit; i++) {
            anonymous("198.51.100." + i + ", 203.0.113.7")
                    .then()
                    .statusCode(200)
                    .header("RateLimit-Remaining", String.valueOf(limit - i));
        }
        anonymous("1.1.1.1, 203.0.113.7")
                .then()
                .statusCode(429)
                .body("message", startsWith("Too many requests: the anonymous limit"));
        // a trusted hop to its right is walked past; two header lines are one list
        anonymous("203.0.113.7, 10.1.2.3").then().statusCode(429);
        anonymous("9.9.9.9", "203.0.113.7").then().statusCode(429);
        // another client behind the same proxy has its own budget, as has the proxy itself
        anonymous("203.0.113.8").then().statusCode(200).header("RateLimit-Remaining", String.valueOf(limit - 1));
        anonymous("203.0.113.7, 203.0.113.99")
                .then()
                .statusCode(200)
                .header("RateLimit-Remaining", String.valueOf(limit - 1));
    }

    @Test
    void theServiceIsToldTheClientTheGatewayCounted() throws Exception {
        long clinic = RateLimitScenarios.clinic(null);
        String token = TestTokens.clinicUser(clinic, RateLimitScenarios.user(clinic, "receptionist"), "receptionist");

        given().auth()
                .oauth2(token)
                .header(ClientAddresses.HEADER, "6.6.6.6, 203.0.113.50, 10.0.0.7")
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201);

        assertThat(RecordingService.next().header(ClientAddresses.HEADER), is("203.0.113.50"));
    }
}
