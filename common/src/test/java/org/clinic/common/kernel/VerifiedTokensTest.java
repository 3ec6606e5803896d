package org.clinic.common.kernel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import org.clinic.common.tenancy.Claims;
import org.clinic.common.tenancy.VerifiedTokens;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Verified tokens are remembered, never unverified ones, and never past their expiry. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class VerifiedTokensTest extends KernelTestBase {

    @Inject
    JWTParser parser;

    @Test
    void theProcessVerifiesWithTheRememberingParser() {
        assertInstanceOf(VerifiedTokens.class, parser);
    }

    @Test
    void aVerifiedTokenIsAnsweredFromMemoryTheSecondTime() throws ParseException {
        String token = TestTokens.clinicUser(41, 7, "admin");
        JsonWebToken first = parser.parse(token);
        assertSame(first, parser.parse(token));
    }

    @Test
    void eachTokensClaimsAreReadOnceAndStayItsOwn() throws ParseException {
        String desk = TestTokens.clinicUser(43, 7, "receptionist");
        String sameUserOtherClinic = TestTokens.clinicUser(44, 7, "admin");
        for (int i = 0; i < 2; i++) {
            Claims.Read first = Claims.of(parser.parse(desk));
            assertEquals(new Claims.Read(7L, "receptionist", 43L, first.name()), first);
            Claims.Read second = Claims.of(parser.parse(sameUserOtherClinic));
            assertEquals(new Claims.Read(7L, "admin", 44L, second.name()), second);
        }
        assertSame(Claims.of(parser.parse(desk)), Claims.of(parser.parse(desk)));
    }

    @Test
    void tokensThatFailAreRefusedEveryTime() throws ParseException {
        parser.parse(TestTokens.clinicUser(42, 7, "admin"));
        for (int i = 0; i < 2; i++) {
            assertThrows(ParseException.class, () -> parser.parse(TestTokens.signedByOtherKey(42, 7, "admin")));
            assertThrows(ParseException.class, () -> parser.parse(TestTokens.expired(42, 7, "admin")));
            // strictly at exp: no clock skew lets a token through a few seconds after it
            assertThrows(ParseException.class, () -> parser.parse(TestTokens.expiredSecondsAgo(42, 7, "admin", 3)));
            assertThrows(ParseException.class, () -> parser.parse(TestTokens.unsigned(42, 7, "admin")));
        }
    }

    @Test
    void aRememberedTokenWithAnAlteredSignatureIsA401() {
        long clinic = newClinic();
        String token = TestTokens.clinicUser(clinic, 7, "admin");
        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/probes/whoami", clinic)
                .then()
                .statusCode(200);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        char last = signature.charAt(5) == 'A' ? 'B' : 'A';
        String altered = token.substring(0, token.lastIndexOf('.') + 1)
                + signature.substring(0, 5)
                + last
                + signature.substring(6);
        given().auth()
                .oauth2(altered)
                .get("/api/v1/clinics/{c}/probes/whoami", clinic)
                .then()
                .statusCode(401)
                .body("success", equalTo(false));
        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/probes/whoami", clinic)
                .then()
                .statusCode(200);
    }

    @Test
    void aTokenIsVerifiedAgainOnceItsExpiryHasPassed() throws Exception {
        // exp is in whole seconds: a token made to expire in 1 s could be expired already when first parsed (made at
        // x.99 s, exp x+1); 2 s leaves at least one second for the first parse
        String token = TestTokens.clinicUserExpiringIn(43, 7, "admin", 2);
        JsonWebToken first = parser.parse(token);
        Thread.sleep(1_200 + (first.getExpirationTime() * 1000 - System.currentTimeMillis()));
        // past exp the memory never answers, and the token is refused strictly at exp (no clock skew)
        assertThrows(ParseException.class, () -> parser.parse(token));
        assertThrows(ParseException.class, () -> parser.parse(token));
    }
}
