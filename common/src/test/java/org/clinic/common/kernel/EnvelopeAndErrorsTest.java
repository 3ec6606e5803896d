package org.clinic.common.kernel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
                .body("success", equalTo(false))
                .body("message", containsString("JSON"));
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
                .body("errors.quantity", notNullValue());
    }

    @Test
    void unknownRouteIsA404Envelope() {
        given().get("/no/such/route")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("data", nullValue());
    }

    @Test
    void wrongMethodIsA405Envelope() {
        long c = newClinic();
        as(c, "admin")
                .delete("/api/v1/clinics/{c}/probes/", c)
                .then()
                .statusCode(405)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false));
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
                .body("success", equalTo(false));
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
                .body("success", equalTo(false));
    }

    @Test
    void unexpectedFailureRevealsNothingInternal() {
        String body = given().auth()
                .oauth2(org.clinic.testing.TestTokens.superuser(1))
                .get("/api/v1/boom")
                .then()
                .statusCode(500)
                .body("success", equalTo(false))
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
        as(c, "admin").get("/api/v1/clinics/{c}/probes", c).then().statusCode(200);
        as(c, "admin").get("/api/v1/clinics/{c}/probes/", c).then().statusCode(200);
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
                .body("message", not(hasItem("Exception")));
    }
}
