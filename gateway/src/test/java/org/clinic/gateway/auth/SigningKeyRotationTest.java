package org.clinic.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Key rotation without downtime (docs/operations.md, "Rotating the signing key"): the gateway signs with the new
 * key while the retired one stays published as verify-only, so tokens issued before the rotation keep working
 * until they expire, and new tokens carry the new key's id.
 */
@QuarkusTest
@TestProfile(SigningKeyRotationTest.Rotated.class)
@QuarkusTestResource(PostgresDatabase.class)
class SigningKeyRotationTest extends GatewayTestBase {

    /** The test key is now the previous one; another key signs. */
    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "clinic.jwt.private-key-location", "testing/other-private.pem",
                    "clinic.jwt.previous-public-key-locations", "testing/test-public.pem");
        }
    }

    @Test
    void theJwksPublishesTheActiveAndThePreviousKey() {
        given().get("/.well-known/jwks.json")
                .then()
                .statusCode(200)
                .body("keys", hasSize(2))
                .body("keys.kid", hasItem(TestTokens.KEY_ID))
                .body("keys[1].kid", equalTo(TestTokens.KEY_ID));
    }

    @Test
    void aTokenSignedByThePreviousKeyStillVerifies() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, admin.id(), "admin"))
                .get("/api/v1/clinics/{c}/users/me/", clinic)
                .then()
                .statusCode(200)
                .body("data.id", equalTo((int) admin.id()));
    }

    @Test
    void newTokensAreSignedByTheActiveKey() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        String access = token(admin.username(), admin.password());
        String header = new String(Base64.getUrlDecoder().decode(access.split("\\.")[0]), StandardCharsets.UTF_8);
        String kid = new JsonPath(header).getString("kid");
        assertNotEquals(TestTokens.KEY_ID, kid, "signed by the active key, not the previous one");
        given().get("/.well-known/jwks.json").then().body("keys[0].kid", equalTo(kid));
        given().auth()
                .oauth2(access)
                .get("/api/v1/clinics/{c}/users/me/", clinic)
                .then()
                .statusCode(200);
    }

    @Test
    void aKeyThatIsNeitherActiveNorPreviousIsRefused() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = TestTokens.claims((long) clinic, admin.id(), "admin")
                .jws()
                .keyId("retired-long-ago")
                .sign(generator.generateKeyPair().getPrivate());
        given().auth()
                .oauth2(forged)
                .get("/api/v1/clinics/{c}/users/me/", clinic)
                .then()
                .statusCode(401);
    }
}
