package org.clinic.gateway.apidocs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * With the services unreachable (the test profile points them at a closed port) and never seen,
 * the merged schema is a 503 in the envelope, not a document that silently lacks their routes.
 * The complete document is tested across the real processes in e2e-tests (ApiSchemaTest).
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class ApiSchemaUnavailableTest {

    @Test
    void anIncompleteSchemaIsNeverServed() {
        given().get("/api/schema/")
                .then()
                .statusCode(503)
                .body("success", equalTo(false))
                .body("message", equalTo("The API description is temporarily incomplete. Please retry shortly."))
                .body(not(containsString("127.0.0.1")));
    }

    @Test
    void theGatewaysOwnDescriptionIsServedAtQ() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/auth/token'.post", org.hamcrest.Matchers.notNullValue())
                // the error statuses of API.md §1 with the envelope (common's ApiContract filter)
                .body(
                        "paths.'/api/v1/auth/token'.post.responses.'429'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ErrorEnvelope"))
                .body(
                        "paths.'/api/v1/clinics/{clinic_id}/users/{id}'.patch.responses",
                        org.hamcrest.Matchers.hasKey("412"))
                .body("components.schemas.ErrorEnvelope.required", org.hamcrest.Matchers.hasItem("errors"));
    }
}
