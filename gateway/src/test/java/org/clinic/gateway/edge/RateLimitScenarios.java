package org.clinic.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * API.md §5 through the real gateway, against whichever store the subclass's profile sets up:
 * anonymous 4/hour per address, each user 6/hour, each clinic its override. Requests to a clinic
 * route are counted before they are forwarded; the service behind is absent, so an admitted one
 * answers 503 and a refused one 429. Accounts are written straight into the gateway's database
 * and their tokens signed with the gateway's (test) key, so no login spends the budgets.
 */
abstract class RateLimitScenarios {

    static final int ANONYMOUS = 4;
    static final int USER = 6;

    static Map<String, String> limits() {
        return Map.of(
                "clinic.rate-limit.anonymous-per-hour",
                String.valueOf(ANONYMOUS),
                "clinic.rate-limit.user-per-hour",
                String.valueOf(USER),
                "clinic.rate-limit.clinic-per-hour",
                "1000",
                "clinic.rate-limit.key-prefix",
                "rl-test-" + UUID.randomUUID());
    }

    @Test
    void anAnonymousAddressGetsItsHourlyBudgetThen429() {
        // no proxy is trusted here: an X-Forwarded-For of the client's choosing is ignored (issue 26), it is still
        // the connection's address that is counted
        for (int i = 1; i <= ANONYMOUS; i++) {
            given().header("X-Forwarded-For", "203.0.113." + i)
                    .get("/.well-known/jwks.json")
                    .then()
                    .statusCode(200)
                    .header("RateLimit-Limit", String.valueOf(ANONYMOUS))
                    .header("RateLimit-Remaining", String.valueOf(ANONYMOUS - i));
        }
        Response refused = given().header("X-Forwarded-For", "203.0.113.99").get("/.well-known/jwks.json");
        refused.then()
                .statusCode(429)
                .header("RateLimit-Limit", String.valueOf(ANONYMOUS))
                .header("RateLimit-Remaining", "0")
                .body("success", equalTo(false))
                .body("data", equalTo(null))
                .body("message", startsWith("Too many requests: the anonymous limit of 4 requests per hour"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter, allOf(greaterThanOrEqualTo(1L), lessThanOrEqualTo(3600L / ANONYMOUS)));

        // a verified caller from the same address is counted as themselves, not as the address
        long clinic = clinic(null);
        long user = user(clinic, "admin");
        patients(clinic, TestTokens.clinicUser(clinic, user, "admin")).then().statusCode(503);
    }

    @Test
    void eachUserGetsTheirOwnBudget() {
        long clinic = clinic(null);
        String first = TestTokens.clinicUser(clinic, user(clinic, "doctor"), "doctor");
        String second = TestTokens.clinicUser(clinic, user(clinic, "doctor"), "doctor");

        for (int i = 1; i <= USER; i++) {
            patients(clinic, first)
                    .then()
                    .statusCode(503)
                    .header("RateLimit-Limit", String.valueOf(USER))
                    .header("RateLimit-Remaining", String.valueOf(USER - i));
        }
        patients(clinic, first)
                .then()
                .statusCode(429)
                .body("message", startsWith("Too many requests: the user limit of 6 requests per hour"));
        patients(clinic, second).then().statusCode(503);
    }

    @Test
    void aClinicsOwnLimitIsSharedByItsUsersButNotBySuperusers() {
        long clinic = clinic(3);
        String first = TestTokens.clinicUser(clinic, user(clinic, "doctor"), "doctor");
        String second = TestTokens.clinicUser(clinic, user(clinic, "receptionist"), "receptionist");
        String operator = TestTokens.superuser(user(null, "superuser"));

        patients(clinic, first).then().statusCode(503).header("RateLimit-Limit", "3");
        patients(clinic, first).then().statusCode(503).header("RateLimit-Remaining", "1");
        patients(clinic, second).then().statusCode(503).header("RateLimit-Remaining", "0");
        patients(clinic, second)
                .then()
                .statusCode(429)
                .header("RateLimit-Limit", "3")
                .body("message", startsWith("Too many requests: the clinic limit of 3 requests per hour"));
        patients(clinic, first).then().statusCode(429);
        // the operator's requests count against the operator alone
        patients(clinic, operator).then().statusCode(503).header("RateLimit-Limit", String.valueOf(USER));
    }

    @Test
    void anExportsOwnCallsToTheGatewayAreNotCounted() {
        // the gateway calls itself for its own export files with a token it minted for that work: the export's POST
        // was counted, its calls (a piece at a time) must not spend the clinic's or the admin's hourly budget
        long clinic = clinic(3);
        long admin = user(clinic, "admin");
        String forExport = TestTokens.forExportOf(clinic, admin, "admin");
        for (int i = 0; i < USER + 2; i++) {
            Response piece = given().auth()
                    .oauth2(forExport)
                    .get("/api/v1/clinics/{c}/export-files/{e}/users/0", clinic, 999_999);
            piece.then().statusCode(404);
            assertThat(piece.header("RateLimit-Limit"), is((String) null));
        }
        // the same admin's own requests are counted as ever
        String own = TestTokens.clinicUser(clinic, admin, "admin");
        patients(clinic, own).then().statusCode(503).header("RateLimit-Remaining", "2");
    }

    @Test
    void concurrentRequestsNeverExceedTheLimit() throws Exception {
        long clinic = clinic(null);
        String token = TestTokens.clinicUser(clinic, user(clinic, "doctor"), "doctor");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(pool.submit(() -> patients(clinic, token).statusCode()));
            }
            int admitted = 0;
            int refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 429) {
                    refused++;
                } else if (status == 503) {
                    admitted++;
                }
            }
            assertThat(admitted, is(USER));
            assertThat(refused, is(24 - USER));
        } finally {
            pool.shutdownNow();
        }
    }

    static Response patients(long clinic, String token) {
        return given().auth().oauth2(token).get("/api/v1/clinics/{c}/patients/", clinic);
    }

    /** A clinic row with the given hourly limit (null: the default). */
    static long clinic(Integer perHour) {
        String slug = "rl-" + UUID.randomUUID();
        try (Connection c = PostgresDatabase.connect();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO clinic (name, slug, rate_limit_per_hour) VALUES (?, ?, ?) RETURNING id")) {
            insert.setString(1, slug);
            insert.setString(2, slug);
            if (perHour == null) {
                insert.setNull(3, Types.INTEGER);
            } else {
                insert.setInt(3, perHour);
            }
            return id(insert);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user row (tokens for it are signed with the test key; nobody logs in with a password). */
    static long user(Long clinic, String role) {
        try (Connection c = PostgresDatabase.connect();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO app_user (clinic_id, username, role, password_hash) VALUES (?, ?, ?, 'x')"
                                + " RETURNING id")) {
            if (clinic == null) {
                insert.setNull(1, Types.BIGINT);
            } else {
                insert.setLong(1, clinic);
            }
            insert.setString(2, role + "-" + UUID.randomUUID());
            insert.setString(3, role);
            return id(insert);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long id(PreparedStatement insert) throws SQLException {
        try (ResultSet rows = insert.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
