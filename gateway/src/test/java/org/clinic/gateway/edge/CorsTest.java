package org.clinic.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.clinic.common.ops.InvalidSetting;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** API.md §7's CORS, on the gateway's own answers, its refusals and what it forwards. */
@QuarkusTest
@TestProfile(CorsTest.TwoOrigins.class)
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = RecordingService.class, restrictToAnnotatedClass = true)
class CorsTest extends GatewayTestBase {

    static final String DESK = "https://desk.example-clinic.app";
    static final String LOCAL = "http://localhost:5173";
    static final String EVIL = "https://desk.example-clinic.app.evil.example";

    public static class TwoOrigins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a low anonymous limit, so that one request shows in RateLimit-Remaining (GCRA refills one per 90 s)
            return Map.of(
                    "clinic.cors.allowed-origins", DESK + "," + LOCAL, "clinic.rate-limit.anonymous-per-hour", "40");
        }
    }

    private static Response preflight(String origin, String method, String headers) {
        return given().header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .options("/api/v1/clinics/1/patients/");
    }

    @Test
    void aPreflightFromAnAllowedOriginIs204WithoutATokenAndNamesEachHeader() {
        Response r = preflight(LOCAL, "POST", "authorization,content-type,idempotency-key");
        assertEquals(204, r.statusCode());
        assertThat(r.header("Access-Control-Allow-Origin"), equalTo(LOCAL));
        assertThat(r.header("Vary"), containsString("Origin"));
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            assertThat(r.header("Access-Control-Allow-Methods"), containsString(method));
        }
        for (String header : List.of(
                "Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-ID", "Last-Event-ID")) {
            assertThat(r.header("Access-Control-Allow-Headers"), containsString(header));
        }
        assertThat(r.header("Access-Control-Allow-Headers"), containsString("Authorization"));
        assertThat(Integer.parseInt(r.header("Access-Control-Max-Age")), greaterThanOrEqualTo(600));
        assertThat(r.header("Access-Control-Allow-Credentials"), nullValue());
        assertThat(r.header("RateLimit-Remaining"), nullValue());
        assertThat(r.body().asString(), emptyString());
    }

    @Test
    void preflightsDoNotCountAgainstTheRateLimits() {
        int before = Integer.parseInt(given().get("/.well-known/jwks.json").header("RateLimit-Remaining"));
        for (int i = 0; i < 3; i++) {
            preflight(DESK, "GET", "authorization").then().statusCode(204);
        }
        int after = Integer.parseInt(given().get("/.well-known/jwks.json").header("RateLimit-Remaining"));
        assertEquals(before - 1, after, "only the second GET counted");
    }

    @Test
    void aPreflightFromAnotherOriginIsA403InTheEnvelopeWithoutCorsHeaders() {
        Response r = preflight(EVIL, "DELETE", "authorization");
        assertEquals(403, r.statusCode());
        assertThat(r.jsonPath().getBoolean("success"), is(false));
        assertNoCorsHeaders(r);
        assertThat(r.header("Vary"), containsString("Origin"));
    }

    @Test
    void everyAnswerToAnAllowedOriginCarriesTheHeadersErrorsIncluded() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Response ok = as(admin).header("Origin", DESK).get("/api/v1/clinics/{c}/users/me/", clinic);
        assertEquals(200, ok.statusCode());
        assertAllowed(ok, DESK);
        Response unauthenticated = given().header("Origin", DESK).get("/api/v1/clinics/{c}/users/me/", clinic);
        assertEquals(401, unauthenticated.statusCode());
        assertAllowed(unauthenticated, DESK);
        Response notFound = given().header("Origin", LOCAL).get("/api/v1/no-such-route/");
        assertEquals(404, notFound.statusCode());
        assertAllowed(notFound, LOCAL);
    }

    @Test
    void forwardedAnswersCarryTheGatewaysHeadersNotTheServices() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        String token = token(admin.username(), admin.password());
        Response forwarded = given().auth()
                .oauth2(token)
                .header("Origin", DESK)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/clinics/{c}/patients/", clinic);
        assertEquals(201, forwarded.statusCode());
        assertAllowed(forwarded, DESK);
        assertThat(forwarded.header("Vary"), containsString("Accept-Encoding"));
        // a service that is down: the gateway's 503 carries them too
        Response down =
                given().auth().oauth2(token).header("Origin", DESK).get("/api/v1/clinics/{c}/consultations/", clinic);
        assertEquals(503, down.statusCode());
        assertAllowed(down, DESK);
        // another origin: served as usual, without any CORS header, the service's own dropped
        Response other = given().auth()
                .oauth2(token)
                .header("Origin", EVIL)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/clinics/{c}/patients/", clinic);
        assertEquals(201, other.statusCode());
        assertNoCorsHeaders(other);
    }

    @Test
    void a429CarriesTheHeadersAndExposesRetryAfter() {
        long clinic = newClinic(Map.of("rate_limit_per_hour", 2));
        Account admin = newUser(clinic, "admin");
        String token = token(admin.username(), admin.password());
        Response last = null;
        for (int i = 0; i < 5; i++) {
            last = given().auth().oauth2(token).header("Origin", DESK).get("/api/v1/clinics/{c}/users/me/", clinic);
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertEquals(429, last.statusCode());
        assertAllowed(last, DESK);
        assertTrue(last.header("Retry-After") != null);
    }

    @Test
    void originsMustBeExact() {
        for (String bad : List.of(
                "*",
                "null",
                "https://*.example-clinic.app",
                "https://desk.example-clinic.app/",
                "https://desk.example-clinic.app/app",
                "desk.example-clinic.app",
                "HTTPS://DESK.EXAMPLE-CLINIC.APP",
                "https://desk.example-clinic.app:99999")) {
            // printed at start as "configuration error: CORS_ALLOWED_ORIGINS (clinic.cors.allowed-origins): …"
            InvalidSetting refused =
                    assertThrows(InvalidSetting.class, () -> CorsFilter.origins(List.of(DESK, bad)), bad);
            assertThat(refused.getMessage(), containsString("clinic.cors.allowed-origins"));
        }
        assertEquals(2, CorsFilter.origins(List.of(DESK, " " + LOCAL, "")).size());
        assertEquals(0, CorsFilter.origins(List.of()).size());
    }

    private static void assertAllowed(Response r, String origin) {
        assertThat(r.header("Access-Control-Allow-Origin"), equalTo(origin));
        assertThat(r.header("Vary"), containsString("Origin"));
        assertThat(r.header("Access-Control-Allow-Credentials"), nullValue());
        for (String exposed : List.of(
                "ETag",
                "Location",
                "Retry-After",
                "X-Request-ID",
                "X-Last-Event-ID",
                "Content-Disposition",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset")) {
            assertThat(r.header("Access-Control-Expose-Headers"), containsString(exposed));
        }
    }

    private static void assertNoCorsHeaders(Response r) {
        r.headers()
                .forEach(h -> assertTrue(
                        !h.getName().toLowerCase().startsWith("access-control-"), "unexpected " + h.getName()));
    }
}
