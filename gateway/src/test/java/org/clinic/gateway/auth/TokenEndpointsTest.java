package org.clinic.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class TokenEndpointsTest extends GatewayTestBase {

    private static final String BAD_LOGIN = "No active account found with the given credentials.";

    @Test
    void loginReturnsBothTokensAndTheCallersIdentity() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        JsonPath body = login(admin.username(), admin.password())
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("errors", nullValue())
                .body("data.token_type", equalTo("Bearer"))
                .body("data.expires_in", equalTo(3600))
                .body("data.clinic_id", equalTo((int) clinic))
                .body("data.clinic_name", notNullValue())
                .body("data.username", equalTo(admin.username()))
                .body("data.role", equalTo("admin"))
                .body("data.refresh", notNullValue())
                .extract()
                .jsonPath();

        String[] parts = body.getString("data.access").split("\\.");
        JsonPath header = JsonPath.from(decode(parts[0]));
        JsonPath claims = JsonPath.from(decode(parts[1]));
        assertEquals("RS256", header.getString("alg"));
        assertEquals(TestTokens.KEY_ID, header.getString("kid"));
        assertEquals("clinic-platform", claims.getString("iss"));
        assertEquals(String.valueOf(admin.id()), claims.getString("sub"));
        assertEquals(admin.username(), claims.getString("upn"));
        assertEquals(List.of("admin"), claims.getList("groups"));
        assertEquals(clinic, claims.getLong("clinic_id"));
        assertEquals("admin", claims.getString("role"));
        assertEquals("Test admin", claims.getString("name"));
        assertEquals(3600, claims.getLong("exp") - claims.getLong("iat"));
        assertTrue(claims.getString("jti").length() > 10);
    }

    @Test
    void usernameIsCaseInsensitiveAtLogin() {
        Account admin = newUser(newClinic(), "admin");
        login(admin.username().toUpperCase(), admin.password()).then().statusCode(200);
    }

    @Test
    void everyBadLoginGetsTheSame401() {
        long clinic = newClinic();
        Account inactive = newUser(clinic, "receptionist");
        asSuperuser()
                .delete("/api/v1/clinics/{c}/users/{id}/", clinic, inactive.id())
                .then()
                .statusCode(204);
        Account ofInactiveClinic = newUser(newClinic(), "doctor");
        asSuperuser()
                .body(Map.of("is_active", false))
                .patch("/api/v1/clinics/{c}/", ofInactiveClinic.clinicId())
                .then()
                .statusCode(200);
        Account admin = newUser(clinic, "admin");

        for (var attempt : List.of(
                Map.of("username", admin.username(), "password", "Wrong-Password-99"),
                Map.of("username", "nobody-" + admin.username(), "password", PASSWORD),
                Map.of("username", inactive.username(), "password", PASSWORD),
                Map.of("username", ofInactiveClinic.username(), "password", PASSWORD))) {
            given().contentType(ContentType.JSON)
                    .body(attempt)
                    .post("/api/v1/auth/token/")
                    .then()
                    .statusCode(401)
                    .body("message", equalTo(BAD_LOGIN))
                    .body("data", nullValue());
        }
    }

    @Test
    void missingCredentialsAreA400NamingTheFields() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/auth/token/")
                .then()
                .statusCode(400)
                .body("errors", hasKey("username"))
                .body("errors", hasKey("password"));
    }

    @Test
    void clinicScopedLoginOnlyAdmitsThatClinicsUsers() {
        long a = newClinic();
        long b = newClinic();
        Account ofA = newUser(a, "doctor");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", ofA.username(), "password", PASSWORD))
                .post("/api/v1/clinics/{c}/auth/token/", a)
                .then()
                .statusCode(200)
                .body("data.clinic_id", equalTo((int) a));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", ofA.username(), "password", PASSWORD))
                .post("/api/v1/clinics/{c}/auth/token/", b)
                .then()
                .statusCode(401)
                .body("message", equalTo(BAD_LOGIN));
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        Account user = newUser(newClinic(), "receptionist");
        String first = login(user.username(), user.password()).then().extract().path("data.refresh");

        String second = refresh(first)
                .then()
                .statusCode(200)
                .body("data.access", notNullValue())
                .body("data.refresh", not(equalTo(first)))
                .extract()
                .path("data.refresh");
        // the rotated-out token is refused, and presenting it revokes its successor too
        refresh(first).then().statusCode(401);
        refresh(second).then().statusCode(401);
    }

    /**
     * Eight refreshes of one token at the same moment: exactly one gets new tokens, every other is the usual 401;
     * the others were reuses of a rotated token, so the whole family is revoked, the winner's new token included.
     */
    @Test
    void concurrentRefreshesOfOneTokenYieldOneSuccess() {
        Account user = newUser(newClinic(), "receptionist");
        String refresh =
                login(user.username(), user.password()).then().extract().path("data.refresh");
        List<io.restassured.response.Response> answers = org.clinic.testing.Race.of(8, n -> refresh(refresh));
        List<io.restassured.response.Response> won =
                answers.stream().filter(r -> r.statusCode() == 200).toList();
        assertEquals(
                1,
                won.size(),
                answers.stream().map(r -> r.statusCode()).toList().toString());
        String rotated = won.get(0).path("data.refresh");
        assertTrue(rotated != null && !rotated.equals(refresh), won.get(0).asString());
        for (io.restassured.response.Response answer : answers) {
            if (answer != won.get(0)) {
                assertEquals(401, answer.statusCode(), answer.asString());
                assertEquals(TokenService.BAD_REFRESH, answer.path("message"));
            }
        }
        refresh(rotated).then().statusCode(401);
    }

    @Test
    void clinicScopedRefreshRefusesAnotherClinicsToken() {
        long a = newClinic();
        Account ofA = newUser(a, "admin");
        String refresh = login(ofA.username(), ofA.password()).then().extract().path("data.refresh");
        given().contentType(ContentType.JSON)
                .body(Map.of("refresh", refresh))
                .post("/api/v1/clinics/{c}/auth/refresh/", newClinic())
                .then()
                .statusCode(401);
        // refused on the wrong clinic's path, but not used up
        given().contentType(ContentType.JSON)
                .body(Map.of("refresh", refresh))
                .post("/api/v1/clinics/{c}/auth/refresh/", a)
                .then()
                .statusCode(200);
    }

    @Test
    void aRoleChangeStopsTheOldAccessToken() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        String access = token(admin.username(), admin.password());
        given().auth()
                .oauth2(access)
                .get("/api/v1/clinics/{c}/users/", clinic)
                .then()
                .statusCode(200);

        asSuperuser()
                .body(Map.of("role", "receptionist"))
                .patch("/api/v1/clinics/{c}/users/{id}/", clinic, admin.id())
                .then()
                .statusCode(200);

        given().auth()
                .oauth2(access)
                .get("/api/v1/clinics/{c}/users/", clinic)
                .then()
                .statusCode(401);
        as(admin)
                .get("/api/v1/clinics/{c}/users/me/", clinic)
                .then()
                .statusCode(200)
                .body("data.role", equalTo("receptionist"));
    }

    @Test
    void superuserUnderAClinicThatDoesNotExistGets404() {
        asSuperuser().get("/api/v1/clinics/{c}/users/", 987_654_321_000L).then().statusCode(404);
        asSuperuser()
                .body(Map.of("username", unique("orphan"), "password", PASSWORD, "role", "doctor"))
                .post("/api/v1/clinics/{c}/users/", 987_654_321_000L)
                .then()
                .statusCode(404);
    }

    @Test
    void clinicScopedRefreshWorksForItsOwnClinic() {
        long a = newClinic();
        Account ofA = newUser(a, "admin");
        String refresh = login(ofA.username(), ofA.password()).then().extract().path("data.refresh");
        given().contentType(ContentType.JSON)
                .body(Map.of("refresh", refresh))
                .post("/api/v1/clinics/{c}/auth/refresh/", a)
                .then()
                .statusCode(200);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        Account user = newUser(newClinic(), "doctor");
        JsonPath tokens =
                login(user.username(), user.password()).then().extract().jsonPath();
        given().auth()
                .oauth2(tokens.getString("data.access"))
                .contentType(ContentType.JSON)
                .body(Map.of("refresh", tokens.getString("data.refresh")))
                .post("/api/v1/auth/logout/")
                .then()
                .statusCode(204);
        refresh(tokens.getString("data.refresh")).then().statusCode(401);
    }

    @Test
    void logoutNeedsAnAccessToken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("refresh", "x"))
                .post("/api/v1/auth/logout/")
                .then()
                .statusCode(401);
    }

    @Test
    void deactivatingAUserStopsRefreshAndAccessAtOnce() {
        long clinic = newClinic();
        Account user = newUser(clinic, "doctor");
        JsonPath tokens =
                login(user.username(), user.password()).then().extract().jsonPath();
        String access = tokens.getString("data.access");
        given().auth()
                .oauth2(access)
                .get("/api/v1/clinics/{c}/users/me/", clinic)
                .then()
                .statusCode(200);

        asSuperuser()
                .delete("/api/v1/clinics/{c}/users/{id}/", clinic, user.id())
                .then()
                .statusCode(204);

        refresh(tokens.getString("data.refresh")).then().statusCode(401);
        given().auth()
                .oauth2(access)
                .get("/api/v1/clinics/{c}/users/me/", clinic)
                .then()
                .statusCode(401);
    }

    @Test
    void deactivatingAClinicStopsItsUsers() {
        long clinic = newClinic();
        Account user = newUser(clinic, "admin");
        JsonPath tokens =
                login(user.username(), user.password()).then().extract().jsonPath();
        given().auth()
                .oauth2(tokens.getString("data.access"))
                .get("/api/v1/clinics/{c}/", clinic)
                .then()
                .statusCode(200);

        asSuperuser()
                .body(Map.of("is_active", false))
                .patch("/api/v1/clinics/{c}/", clinic)
                .then()
                .statusCode(200);

        refresh(tokens.getString("data.refresh")).then().statusCode(401);
        given().auth()
                .oauth2(tokens.getString("data.access"))
                .get("/api/v1/clinics/{c}/", clinic)
                .then()
                .statusCode(401);
    }

    @Test
    void forgedTokensAreRefused() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        for (String forged : List.of(
                TestTokens.signedByOtherKey(clinic, admin.id(), "admin"),
                TestTokens.expired(clinic, admin.id(), "admin"),
                TestTokens.unsigned(clinic, admin.id(), "admin"),
                TestTokens.hmacWithPublicKey(clinic, admin.id(), "admin"))) {
            given().auth()
                    .oauth2(forged)
                    .get("/api/v1/clinics/{c}/users/me/", clinic)
                    .then()
                    .statusCode(401)
                    .body("success", equalTo(false));
        }
    }

    @Test
    void jwksPublishesOnlyThePublicKey() {
        given().get("/.well-known/jwks.json")
                .then()
                .statusCode(200)
                .body("keys[0].kid", equalTo(TestTokens.KEY_ID))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].n", notNullValue())
                .body("keys[0]", not(hasKey("d")))
                .body("keys[0]", not(hasKey("p")));
    }

    @Test
    void loginsAndFailuresAreAuditedInTheUsersClinic() throws Exception {
        long clinic = newClinic();
        Account user = newUser(clinic, "receptionist");
        login(user.username(), user.password()).then().statusCode(200);
        login(user.username(), "Not-The-Password-1").then().statusCode(401);
        String ghost = unique("ghost");
        String ghostRequest = unique("ghost-login");
        given().contentType(ContentType.JSON)
                .header("X-Request-ID", ghostRequest)
                .body(Map.of("username", ghost, "password", "Whatever-Pass-123"))
                .post("/api/v1/auth/token/")
                .then()
                .statusCode(401);

        try (Connection c = PostgresDatabase.connect()) {
            ResultSet rs = c.createStatement()
                    .executeQuery("select action, actor_id from audit_event where clinic_id = " + clinic
                            + " and resource_type = 'user' and resource_id = " + user.id()
                            + " and action like 'login%' order by id");
            List<String> actions = new ArrayList<>();
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
            assertEquals(List.of("login", "login_failed"), actions);
            // the unknown username's failure is the operator's, without a clinic: exactly this request's row
            java.sql.PreparedStatement platform =
                    c.prepareStatement("select clinic_id, action, actor_id from audit_event where request_id = ?");
            platform.setString(1, ghostRequest);
            ResultSet row = platform.executeQuery();
            assertTrue(row.next(), "no audit event for the unknown username's login");
            assertEquals(null, row.getObject(1));
            assertEquals("login_failed", row.getString(2));
            assertEquals(null, row.getObject(3));
            assertFalse(row.next(), "more than one event for one failed login");
        }
    }

    @Test
    void bootstrapSuperuserExistsOnceAndHasNoClinic() throws Exception {
        given().auth()
                .oauth2(superuserToken())
                .get("/api/v1/clinics/{c}/users/me/", newClinic())
                .then()
                .statusCode(200)
                .body("data.username", equalTo(SUPERUSER))
                .body("data.clinic_id", nullValue())
                .body("data.role", equalTo("superuser"));
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select count(*) from app_user where username = '" + SUPERUSER + "'")) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
    }

    @Inject
    StartupSeeds seeds;

    @Test
    void seedingAgainChangesNothing() throws Throwable {
        seeds.onStart(null);
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs =
                        c.createStatement().executeQuery("select count(*) from app_user where role = 'superuser'")) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
        login(SUPERUSER, SUPERUSER_PASSWORD).then().statusCode(200);
    }

    private static io.restassured.response.Response refresh(String refresh) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refresh", refresh))
                .post("/api/v1/auth/token/refresh/");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
