package org.clinic.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** With no key configured the gateway makes its own: its tokens work, nobody else's do. */
@QuarkusTest
@TestProfile(GeneratedSigningKeyTest.NoConfiguredKey.class)
@QuarkusTestResource(PostgresDatabase.class)
class GeneratedSigningKeyTest extends GatewayTestBase {

    public static class NoConfiguredKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic.jwt.private-key-location", "");
        }
    }

    @Test
    void generatedKeySignsAndVerifiesAndIsPublishedByThumbprint() {
        given().get("/.well-known/jwks.json")
                .then()
                .statusCode(200)
                .body("keys", hasSize(1))
                .body("keys[0].kid", not(equalTo(TestTokens.KEY_ID)));
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        as(admin).get("/api/v1/clinics/{c}/users/me/", clinic).then().statusCode(200);
    }

    @Test
    void tokensOfAnyOtherKeyAreRefused() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, admin.id(), "admin"))
                .get("/api/v1/clinics/{c}/users/me/", clinic)
                .then()
                .statusCode(401);
    }
}
