package org.clinic.common.kernel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class EnvelopeAndErrorsTest extends KernelTestBase {

    @Test
    void successHasExactlyTheFourKeys() {
        long c = newClinic();
        as(c, "admin")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"a\",\"quantity\":1}")
                .post("/api/v1/clinics/{c}/probes/", c)
                .then()
                .statusCode(201)
                .header("Location", matchesPattern("/api/v1/clinics/" + c + "/probes/\\d+/"))
                .body("keySet()", containsInAnyOrder("success", "message", "data", "errors"))
                .body("success", equalTo(true))
                .body("errors", nullValue())
                .body("data.clinic_id", equalTo((int) c));
    }

    @Test
    void validationErrorsNameSnakeCaseAndNestedFields() {
        long c = newClinic();
        as(c, "admin")
                .contentType(ContentType.JSON)
                .body(
                        "{\"name\":\"\",\"quantity\":0,\"items\":[{\"label\":\"ok\",\"quantity\":1},{\"label\":\"x\",\"quantity\":-1}]}")
                .post("/api/v1/clinics/{c}/probes/", c)
                .then()
                .statusCode(400)
                .body("keySet()", containsInAnyOrder("success", "message", "data", "errors"))
                .body("success", equalTo(false))
                .body("data", nullValue())
                .body("message", equalTo("Validation error"))
                .body("errors.keySet()", containsInAnyOrder("name", "quantity", "items[1].quantity"))
                .body("errors.name", notNullValue())
                .body("errors.quantity", notNullValue())
                .body("errors.'items[1].quantity'", notNullValue());
    }

    @Test
    void malformedJsonIsA400Envelope() {
        long c = newClinic();
        as(c, "admin")
                .contentType(ContentType.JSON)
                .body("{\"name\": ")
                .post("/api/v1/clinics/{c}/probes/", c)
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("success", "message", "data", "errors"))
                .body("success", equalTo(false))
                .body("message", equalTo("Malformed JSON request body."))
                .body("data", nullValue())
                .body("errors", nullValue());
    }

    @Test
    void wrongTypeNamesTheField() {
        long c = newClinic();
        as(c, "admin")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"a\",\"quantity\":\"lots\"}")
                .post("/api/v1/clinics/{c}/probes/", c)
                .then()
                .statusCode(400)
                .body("message", equalTo("Validation error"))
                .body("errors.keySet()", contains("quantity"))
                .body("errors.quantity", contains("invalid value"));
    }

    /** Issue 26: a service's every API answer is {@code Cache-Control: no-store} (PHI is never cached), errors too. */
    @Test
    void everyApiAnswerIsNoStore() {
        long c = newClinic();
        for (io.restassured.response.Response answer : java.util.List.of(
                as(c, "admin").get("/api/v1/clinics/{c}/probes/", c),
                as(c, "admin").get("/api/v1/clinics/{c}/no-such-thing/", c),
                given().get("/api/v1/clinics/{c}/probes/", c),
                as(c, "admin").contentType(ContentType.JSON).body("{").post("/api/v1/clinics/{c}/probes/", c))) {
            org.hamcrest.MatcherAssert.assertThat(
                    answer.statusCode() + " " + answer.asString(),
                    answer.headers().getValues("Cache-Control"),
                    org.hamcrest.Matchers.contains("no-store"));
        }
    }

    /** Issue 26: a statement past the statement timeout (1.5 s here) is cancelled: a 503 to retry, never a hang. */
    @Test
    void aStatementPastTheTimeoutIsCancelledAndA503() {
        long c = newClinic();
        as(c, "admin").get("/api/v1/clinics/{c}/probes/slow/1", c).then().statusCode(200);
        long started = System.nanoTime();
        as(c, "admin")
                .get("/api/v1/clinics/{c}/probes/slow/30", c)
                .then()
                .statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("success", equalTo(false))
                .body("message", equalTo(org.clinic.common.error.ErrorMappers.STATEMENT_TIMEOUT));
        org.hamcrest.MatcherAssert.assertThat(
                (System.nanoTime() - started) / 1_000_000, org.hamcrest.Matchers.lessThan(10_000L));
    }

    /** A transaction PostgreSQL broke for another's sake (a deadlock's victim, a serialisation failure): a 503. */
    @Test
    void aTransactionTheDatabaseBrokeIsA503ToRetry() {
        long c = newClinic();
        for (String kind : java.util.List.of("deadlock", "serialization")) {
            as(c, "admin")
                    .get("/api/v1/clinics/{c}/probes/pool/broken/{kind}", c, kind)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("success", equalTo(false))
                    .body("message", equalTo(org.clinic.common.error.ErrorMappers.COLLIDED));
        }
    }

    /** The same bound for a reader on a plain pool (live streams, the gateway's edge): ClinicTransactions.onPool. */
    @Test
    void aPlainPoolsStatementPastTheTimeoutIsCancelledAndA503() {
        long c = newClinic();
        as(c, "admin").get("/api/v1/clinics/{c}/probes/pool/slow/1", c).then().statusCode(200);
        long started = System.nanoTime();
        as(c, "admin")
                .get("/api/v1/clinics/{c}/probes/pool/slow/30", c)
                .then()
                .statusCode(503)
                .body("message", equalTo(org.clinic.common.error.ErrorMappers.STATEMENT_TIMEOUT));
        org.hamcrest.MatcherAssert.assertThat(
                (System.nanoTime() - started) / 1_000_000, org.hamcrest.Matchers.lessThan(10_000L));
    }

    @Test
    void unknownRouteIsA404Envelope() {
        given().redirects()
                .follow(false)
                .get("/no/such/route")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("success", "message", "data", "errors"))
                .body("success", equalTo(false))
                .body("message", equalTo("Not found."))
                .body("data", nullValue())
                .body("errors", nullValue());
    }

    @Test
    void wrongMethodIsA405Envelope() {
        long c = newClinic();
        as(c, "admin")
                .delete("/api/v1/clinics/{c}/probes/", c)
                .then()
                .statusCode(405)
                .contentType(ContentType.JSON)
                .header("Allow", "GET, POST")
                .body("keySet()", containsInAnyOrder("success", "message", "data", "errors"))
                .body("success", equalTo(false))
                .body("message", equalTo("Method not allowed."))
                .body("errors", nullValue());
    }

    @Test
    void bodyOverOneMebibyteIsA413Envelope() {
        long c = newClinic();
        String big = "{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\",\"quantity\":1}";
        as(c, "admin")
                .contentType(ContentType.JSON)
                .body(big)
                .post("/api/v1/clinics/{c}/probes/", c)
                .then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("success", "message", "data", "errors"))
                .body("success", equalTo(false))
                .body("message", equalTo("Request body too large: the limit is 1 MiB."))
                .body("errors", nullValue());
    }

    @Test
    void nonJsonBodyIsA415Envelope() {
        long c = newClinic();
        as(c, "admin")
                .contentType(ContentType.TEXT)
                .body("name=a")
                .post("/api/v1/clinics/{c}/probes/", c)
                .then()
                .statusCode(415)
                .contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("success", "message", "data", "errors"))
                .body("success", equalTo(false))
                .body("message", equalTo("Unsupported media type: send application/json."))
                .body("errors", nullValue());
    }

    @Test
    void unexpectedFailureRevealsNothingInternal() {
        String body = given().auth()
                .oauth2(org.clinic.testing.TestTokens.superuser(1))
                .get("/api/v1/boom")
                .then()
                .statusCode(500)
                .contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("success", "message", "data", "errors"))
                .body("success", equalTo(false))
                .body("message", equalTo("Internal server error."))
                .body("data", nullValue())
                .body("errors", nullValue())
                .extract()
                .asString();
        org.junit.jupiter.api.Assertions.assertFalse(
                body.contains("PSQL")
                        || body.contains("secret_table")
                        || body.contains("db-internal")
                        || body.contains("Exception")
                        || body.contains("at org."),
                body);
    }

    @Test
    void validRequestIdIsEchoedAndInvalidOneReplaced() {
        long c = newClinic();
        as(c, "admin")
                .header("X-Request-ID", "abc-123_x.y")
                .get("/api/v1/clinics/{c}/probes/whoami", c)
                .then()
                .header("X-Request-ID", equalTo("abc-123_x.y"));
        as(c, "admin")
                .header("X-Request-ID", "bad id with spaces")
                .get("/api/v1/clinics/{c}/probes/whoami", c)
                .then()
                .header("X-Request-ID", matchesPattern("[0-9a-f-]{36}"));
        given().get("/no/such/route").then().header("X-Request-ID", notNullValue());
    }

    @Test
    void trailingSlashAndNoSlashAreServedAlike() {
        long c = newClinic();
        as(c, "admin")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"a\",\"quantity\":1}")
                .post("/api/v1/clinics/{c}/probes", c)
                .then()
                .statusCode(201);
        // the same answer, not a redirect to it (API.md §1)
        String without = as(c, "admin")
                .redirects()
                .follow(false)
                .get("/api/v1/clinics/{c}/probes", c)
                .then()
                .statusCode(200)
                .body("pagination.count", equalTo(1))
                .extract()
                .asString();
        String with = as(c, "admin")
                .redirects()
                .follow(false)
                .get("/api/v1/clinics/{c}/probes/", c)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        org.junit.jupiter.api.Assertions.assertEquals(with, without);
    }

    @Test
    void domainErrorsKeepTheirStatusAndMessage() {
        long c = newClinic();
        as(c, "admin")
                .get("/api/v1/clinics/{c}/probes/{id}/", c, 999_999_999L)
                .then()
                .statusCode(404)
                .body("message", equalTo("Probe not found."))
                .body("errors", nullValue())
                .body("message", not(containsString("Exception")));
    }
}
