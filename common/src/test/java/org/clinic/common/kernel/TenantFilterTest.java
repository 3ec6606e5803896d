package org.clinic.common.kernel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class TenantFilterTest extends KernelTestBase {

    @Test
    void tokenOfClinicAOnClinicBPathIsForbidden() {
        long a = newClinic();
        long b = newClinic();
        as(a, "admin")
                .get("/api/v1/clinics/{c}/probes/whoami", b)
                .then()
                .statusCode(403)
                .body("success", equalTo(false))
                .body("data", nullValue());
    }

    @Test
    void tokenOfTheClinicResolvesTenantAndCaller() {
        long a = newClinic();
        as(a, "receptionist")
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(200)
                .body("data", equalTo(a + ":7:receptionist"));
    }

    @Test
    void superuserMayActInAnyClinic() {
        long b = newClinic();
        given().auth()
                .oauth2(TestTokens.superuser(1))
                .get("/api/v1/clinics/{c}/probes/whoami", b)
                .then()
                .statusCode(200)
                .body("data", equalTo(b + ":1:superuser"));
    }

    /**
     * A token the gateway minted for its outbox relay (decisions §26) is good only for the call it was made for: on
     * any other route of its own clinic it is refused, though it would be a valid token of that user otherwise.
     */
    @Test
    void aTokenMadeOnAUsersBehalfIsRefusedAnywhereElse() {
        long a = newClinic();
        given().auth()
                .oauth2(TestTokens.onBehalfOf(a, 7, "admin"))
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(403)
                .body("success", equalTo(false))
                .body("message", equalTo("This token is good only for the call it was made for."));
        given().auth()
                .oauth2(TestTokens.clinicUser(a, 7, "admin"))
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(200);
    }

    @Test
    void missingTokenIsUnauthorized() {
        given().get("/api/v1/clinics/{c}/probes/whoami", newClinic())
                .then()
                .statusCode(401)
                .body("success", equalTo(false));
    }

    @Test
    void tokenSignedByAnotherKeyIsUnauthorized() {
        long a = newClinic();
        given().auth()
                .oauth2(TestTokens.signedByOtherKey(a, 7, "admin"))
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(401)
                .body("success", equalTo(false));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        long a = newClinic();
        given().auth()
                .oauth2(TestTokens.expired(a, 7, "admin"))
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(401);
    }

    /** Strictly at exp, as at the gateway (ProxyEdgeTest): a token a few seconds past it is refused too. */
    @Test
    void aTokenJustPastItsExpIsUnauthorized() {
        long a = newClinic();
        given().auth()
                .oauth2(TestTokens.clinicUser(a, 7, "admin"))
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.expiredSecondsAgo(a, 7, "admin", 3))
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(401)
                .body("success", equalTo(false));
    }

    @Test
    void unsignedAlgNoneTokenIsUnauthorized() {
        long a = newClinic();
        given().auth()
                .oauth2(TestTokens.unsigned(a, 7, "admin"))
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(401);
    }

    @Test
    void hs256TokenSignedWithThePublicKeyIsUnauthorized() {
        long a = newClinic();
        given().auth()
                .oauth2(TestTokens.hmacWithPublicKey(a, 7, "admin"))
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(401);
    }

    @Test
    void clinicSegmentThatIsNotAnIdIsNotFound() {
        as(newClinic(), "admin")
                .get("/api/v1/clinics/abc/probes/whoami")
                .then()
                .statusCode(404)
                .body("success", equalTo(false));
    }

    @Test
    void permitAllEndpointUnderAClinicNeedsNoToken() {
        given().post("/api/v1/clinics/{c}/probes/open", newClinic()).then().statusCode(200);
    }

    @Test
    void displayDeviceIsRefusedEverythingButTheQueueBoard() {
        long a = newClinic();
        as(a, "display")
                .get("/api/v1/clinics/{c}/probes/whoami", a)
                .then()
                .statusCode(403)
                .body("message", equalTo("A display device may only read the queue board."));
        as(a, "display").get("/api/v1/clinics/{c}/probes/", a).then().statusCode(403);
        // the board and its stream, with or without the trailing slash
        for (String board : new String[] {"queue-board/", "queue-board", "queue-board/stream/", "queue-board/stream"}) {
            as(a, "display")
                    .get("/api/v1/clinics/{c}/" + board, a)
                    .then()
                    .statusCode(200)
                    .body("data", equalTo(a + ":display"));
        }
        // and only its own clinic's board
        long b = newClinic();
        as(a, "display").get("/api/v1/clinics/{c}/queue-board/", b).then().statusCode(403);
    }
}
