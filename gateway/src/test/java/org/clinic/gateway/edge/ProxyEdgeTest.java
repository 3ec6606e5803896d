package org.clinic.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.RawRequest;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of a service: what it forwards, what it refuses before the service
 * sees anything, and what it answers when the service can't. Real gateway, real database, real
 * tokens; the service behind is {@link RecordingService}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = RecordingService.class, restrictToAnnotatedClass = true)
class ProxyEdgeTest extends GatewayTestBase {

    @BeforeEach
    void forget() {
        RecordingService.clear();
    }

    @Test
    void forwardsMethodPathQueryBodyAndCallerAndReturnsTheServiceAnswer() throws Exception {
        long clinic = newClinic();
        Account reception = newUser(clinic, "receptionist");
        String token = token(reception.username(), reception.password());

        Response response = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("X-Request-ID", "desk-42.a")
                .body(Map.of("first_name", "Asha"))
                .queryParam("search", "as%ha")
                .queryParam("page", 1)
                .post("/api/v1/clinics/{c}/patients/", clinic);

        response.then()
                .statusCode(201)
                .body("data.echo", equalTo(true))
                .header("ETag", "\"7\"")
                .header("X-Request-ID", "desk-42.a");
        assertThat(response.headers().getValues("X-Request-ID"), contains("desk-42.a"));
        RecordingService.Received received = RecordingService.next();
        assertThat(received.method(), is("POST"));
        assertThat(received.uri(), is("/api/v1/clinics/" + clinic + "/patients/?search=as%25ha&page=1"));
        assertThat(received.body(), is("{\"first_name\":\"Asha\"}"));
        assertThat(received.header("Authorization"), is("Bearer " + token));
        assertThat(received.header("X-Request-ID"), is("desk-42.a"));
        assertThat(received.header("X-Forwarded-For"), is("127.0.0.1"));
    }

    @Test
    void forwardedRoutesAreMeasuredByResourceNeverByTheirIds() throws Exception {
        long clinic = newClinic();
        Account reception = newUser(clinic, "receptionist");
        String token = token(reception.username(), reception.password());
        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/patients/987654/", clinic)
                .then()
                .statusCode(201);
        RecordingService.next();

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(
                metrics, containsString("gateway_proxy_requests_seconds_count{method=\"GET\",resource=\"patients\""));
        assertThat(metrics, not(containsString("987654")));
        // answered: no forwarded request is left waiting for its service
        assertThat(metrics, containsString("gateway_proxy_waiting{service=\"patients\"} 0.0"));
    }

    @Test
    void aCheckInIsMeasuredUnderTheServiceThatAnswersIt() throws Exception {
        long clinic = newClinic();
        Account reception = newUser(clinic, "receptionist");
        String token = token(reception.username(), reception.password());
        // a new patient goes to patients-service (the recording one)...
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201);
        assertThat(RecordingService.next().uri(), is("/api/v1/clinics/" + clinic + "/patients/"));
        // ...a check-in, the patients family's too, to doctors-service (the one that never answers: a 503 after its
        // idle timeout), and nothing of it to patients-service
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/clinics/{c}/patients/41/check_in/", clinic)
                .then()
                .statusCode(503);
        awaitHung("POST /api/v1/clinics/" + clinic + "/patients/41/check_in/");
        assertThat(RecordingService.count(), is(1));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(
                metrics,
                containsString("gateway_proxy_requests_seconds_count{method=\"POST\",resource=\"patients\","
                        + "service=\"doctors\",status=\"5xx\"}"));
        assertThat(
                metrics,
                containsString("gateway_proxy_requests_seconds_count{method=\"POST\",resource=\"patients\","
                        + "service=\"patients\",status=\"2xx\"}"));
    }

    @Test
    void servesPathsWithAndWithoutTrailingSlashAlike() throws Exception {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        String token = token(doctor.username(), doctor.password());

        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/patients/12", clinic)
                .then()
                .statusCode(201);
        assertThat(RecordingService.next().uri(), is("/api/v1/clinics/" + clinic + "/patients/12"));
        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/patients/12/", clinic)
                .then()
                .statusCode(201);
        assertThat(RecordingService.next().uri(), is("/api/v1/clinics/" + clinic + "/patients/12/"));
        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/patients", clinic)
                .then()
                .statusCode(201);
        assertThat(RecordingService.next().uri(), is("/api/v1/clinics/" + clinic + "/patients"));
    }

    @Test
    void dropsSpoofableHeadersFromOutside() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");

        given().auth()
                .oauth2(token(admin.username(), admin.password()))
                .header("X-Forwarded-For", "10.9.8.7")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=10.9.8.7")
                .header("X-Real-IP", "10.9.8.7")
                .header("X-Clinic-Id", "999")
                .header("X-Clinic-User", "1")
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201);

        RecordingService.Received received = RecordingService.next();
        assertThat(received.header("X-Forwarded-For"), is("127.0.0.1"));
        assertThat(received.header("X-Forwarded-Host"), nullValue());
        assertThat(received.header("Forwarded"), nullValue());
        assertThat(received.header("X-Real-IP"), nullValue());
        assertThat(received.header("X-Clinic-Id"), nullValue());
        assertThat(received.header("X-Clinic-User"), nullValue());
    }

    @Test
    void refusesWithoutAValidTokenBeforeTheServiceSeesAnything() {
        long clinic = newClinic();

        given().get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("data", nullValue())
                .header("WWW-Authenticate", "Bearer");
        given().auth()
                .oauth2(TestTokens.expired(clinic, 1, "admin"))
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.signedByOtherKey(clinic, 1, "admin"))
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(401);
        given().header("Authorization", "Basic dXNlcjpwYXNz")
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(401);
        assertThat(RecordingService.count(), is(0));
    }

    /**
     * One rule for every route (issue 26): a token stops at its {@code exp}, on a forwarded route and on the gateway's
     * own ({@code users/me/}, {@code clinics/{id}/}) alike, whether the gateway has seen it before or not.
     */
    @Test
    void aTokenStopsAtItsExpiryOnForwardedAndOwnRoutesAlike() throws Exception {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        String token = TestTokens.clinicUserExpiringIn(clinic, doctor.id(), "doctor", 2);
        List<String> routes = List.of(
                "/api/v1/clinics/" + clinic + "/patients/",
                "/api/v1/clinics/" + clinic + "/users/me/",
                "/api/v1/clinics/" + clinic + "/");

        for (String route : routes) {
            given().auth().oauth2(token).get(route).then().statusCode(route.endsWith("/patients/") ? 201 : 200);
        }
        Thread.sleep(2_500);
        // seen before, now past its exp
        for (String route : routes) {
            given().auth().oauth2(token).get(route).then().statusCode(401).body("success", equalTo(false));
        }
        // never seen, 3 s past its exp: inside the 60 s a parser's default clock skew would allow
        String justExpired = TestTokens.expiredSecondsAgo(clinic, doctor.id(), "doctor", 3);
        for (String route : routes) {
            given().auth().oauth2(justExpired).get(route).then().statusCode(401).body("success", equalTo(false));
        }
        assertThat(RecordingService.count(), is(1));
    }

    @Test
    void anotherClinicsPathIs403AndNeverForwarded() {
        long mine = newClinic();
        long theirs = newClinic();
        Account admin = newUser(mine, "admin");
        String token = token(admin.username(), admin.password());

        for (String resource : new String[] {
            "patients/", "patients/1/", "doctors/", "visits/", "consultations/", "prescriptions/", "test-reports/"
        }) {
            given().auth()
                    .oauth2(token)
                    .get("/api/v1/clinics/" + theirs + "/" + resource)
                    .then()
                    .statusCode(403)
                    .body("message", equalTo("You do not have access to this clinic."));
        }
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/clinics/{c}/patients/", theirs)
                .then()
                .statusCode(403);
        assertThat(RecordingService.count(), is(0));
    }

    @Test
    void aClinicIdThatIsNotAnIdIs404() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        String token = token(admin.username(), admin.password());

        given().auth().oauth2(token).get("/api/v1/clinics/abc/patients/").then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/clinics/0/patients/").then().statusCode(404);
        assertThat(RecordingService.count(), is(0));
    }

    @Test
    void aDisplayDeviceReachesNothingButTheQueueBoard() {
        long clinic = newClinic();
        Account display = newUser(clinic, "display");

        given().auth()
                .oauth2(token(display.username(), display.password()))
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(403);
        assertThat(RecordingService.count(), is(0));
    }

    @Test
    void aDeactivatedUsersTokenStopsAtTheGateway() {
        long clinic = newClinic();
        Account reception = newUser(clinic, "receptionist");
        String token = token(reception.username(), reception.password());
        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201);
        RecordingService.clear();

        asSuperuser()
                .body(Map.of("is_active", false))
                .patch("/api/v1/clinics/{c}/users/{u}/", clinic, reception.id())
                .then()
                .statusCode(200);

        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(401);
        assertThat(RecordingService.count(), is(0));
    }

    @Test
    void aSuperuserActsInAnyExistingClinicOnly() throws Exception {
        long clinic = newClinic();
        String token = superuserToken();

        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201);
        assertThat(RecordingService.next().uri(), startsWith("/api/v1/clinics/" + clinic + "/"));
        RecordingService.clear();
        given().auth()
                .oauth2(token)
                .get("/api/v1/clinics/{c}/patients/", 987_654_321L)
                .then()
                .statusCode(404)
                .body("message", equalTo("Clinic not found."));
        assertThat(RecordingService.count(), is(0));
    }

    @Test
    void aServiceThatIsDownIs503InTheEnvelope() {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");

        given().auth()
                .oauth2(token(doctor.username(), doctor.password()))
                .contentType(ContentType.JSON)
                .body(Map.of("visit_id", 1))
                .post("/api/v1/clinics/{c}/consultations/", clinic)
                .then()
                .statusCode(503)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("message", equalTo("Service temporarily unavailable. Please retry shortly."))
                .body("errors", nullValue());
    }

    @Test
    void aServiceThatHangsIs503AfterTheIdleTimeout() {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");

        long started = System.nanoTime();
        given().auth()
                .oauth2(token(doctor.username(), doctor.password()))
                .get("/api/v1/clinics/{c}/visits/", clinic)
                .then()
                .statusCode(503)
                .body("success", equalTo(false));
        assertThat((System.nanoTime() - started) / 1_000_000, lessThan(10_000L));
    }

    /**
     * A request waiting for a pooled connection to its service when its client goes away is never sent (vertx-http-proxy
     * resets it when its body can no longer be read): sent, the service would get its head and wait for a body that
     * never comes until the idle timeout, holding the connection (docs/decisions.md §17). The hanging doctors-service
     * here is reached over one connection, so the order in which requests reach it is the queue's.
     */
    @Test
    void aRequestWhoseClientLeftWhileItWaitedForAConnectionIsNeverSent() throws Exception {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        String token = token(doctor.username(), doctor.password());
        String visits = "/api/v1/clinics/" + clinic + "/visits/";

        // the first request takes the one connection until the idle timeout (3 s)
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> given().auth().oauth2(token).get(visits + "?first").statusCode());
        awaitHung("GET " + visits + "?first");
        // the second waits for that connection, and its client leaves meanwhile
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoLinger(true, 0); // close = RST
            byte[] body = "{\"patient\":1}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + visits + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // it has been read and is queued for the connection the first holds
            awaitMetric("gateway_proxy_queued{service=\"doctors\"} 1.0");
        }
        // a third waits behind it
        CompletableFuture<Integer> third = CompletableFuture.supplyAsync(
                () -> given().auth().oauth2(token).get(visits + "?third").statusCode());
        assertThat(first.get(10, TimeUnit.SECONDS), is(503));

        // the third reaches the service next: the second was dropped, not sent ahead of it
        awaitHung("GET " + visits + "?third");
        assertThat(third.get(10, TimeUnit.SECONDS), is(503));
        assertThat(
                RecordingService.hung().stream()
                        .map(line -> line.split(" ")[0] + " " + line.split(" ")[1])
                        .toList(),
                contains("GET " + visits + "?first", "GET " + visits + "?third"));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics, containsString("gateway_proxy_waiting{service=\"doctors\"} 0.0"));
        assertThat(metrics, containsString("gateway_proxy_queued{service=\"doctors\"} 0.0"));
    }

    private static void awaitMetric(String sample) throws InterruptedException {
        String metrics = "";
        for (int i = 0; i < 100; i++) {
            metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            if (metrics.contains(sample)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never saw " + sample + " in the gateway's metrics: "
                + metrics.lines()
                        .filter(line -> line.startsWith("gateway_proxy_"))
                        .toList());
    }

    /**
     * A stream whose client leaves while the gateway is still checking it holds no stream lease: each such hang-up
     * used to keep one, renewed for ever, so a user's few hung-up streams left them only 429s on every replica.
     */
    @Test
    void aStreamWhoseClientLeftDuringTheChecksHoldsNoLease() throws Exception {
        long clinic = newClinic();
        // a superuser's read is audited before it is forwarded: the checks take a database write, time enough for
        // the client to be gone when they end
        String token = superuserToken();
        String stream = "/api/v1/clinics/" + clinic + "/visits/stream/";
        for (int i = 0; i < 8; i++) { // more than the 5 a user may hold
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                socket.setSoLinger(true, 0); // close = RST
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + stream + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                                + "Authorization: Bearer " + token + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
        // the stream is admitted and forwarded (the test's doctors-service never answers: a 503 after its idle
        // timeout), not refused for streams its user does not hold
        given().auth()
                .oauth2(token)
                .accept("text/event-stream")
                .get(stream)
                .then()
                .statusCode(503);
    }

    private static void awaitHung(String requestLine) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (RecordingService.hung().stream().anyMatch(line -> line.startsWith(requestLine + " "))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(requestLine + " never reached the service: " + RecordingService.hung());
    }

    /**
     * Issue 26: one spelling per path. Every trick — matrix parameters, encoded slashes and dots, dot and empty segments,
     * ids with leading zeros or over 18 digits — against a stream route, a clinic route and the gateway's own identity
     * routes is a 404 in the envelope, and nothing of it reaches a service.
     */
    @Test
    void aPathInAnyOtherSpellingThanItsCanonicalOneIsA404AndNeverForwarded() throws Exception {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        String token = token(doctor.username(), doctor.password());
        String c = "/api/v1/clinics/" + clinic;
        // the canonical spellings pass (the stream's service never answers: it is held, then a 503)
        assertThat(RawRequest.get(RestAssured.port, c + "/patients/5/", token).status(), is(201));
        assertThat(RawRequest.get(RestAssured.port, c + "/users/me/", token).status(), is(200));
        assertThat(
                RawRequest.get(RestAssured.port, c + "/users/" + doctor.id() + "/", token)
                        .status(),
                is(200));
        RecordingService.clear();

        List<String> tricks = new java.util.ArrayList<>();
        for (String route : List.of("visits/stream/", "doctors/2/queue/stream/", "patients/5/", "users/me/")) {
            String[] segments = route.substring(0, route.length() - 1).split("/");
            String last = segments[segments.length - 1];
            String head = route.substring(0, route.length() - last.length() - 1);
            tricks.add(c + "/" + head + last + ";x=1/"); // matrix parameters on the last segment
            tricks.add(c + ";x=1/" + route); // … on the clinic's
            tricks.add(c + "/" + head.replaceFirst("/$", "%2F") + last + "/"); // an encoded slash
            tricks.add(c + "/" + head.replaceFirst("/$", "%2f") + last + "/");
            tricks.add(c + "/%2E/" + route); // an encoded dot segment
            tricks.add(c + "/%2e%2e/" + clinic + "/" + route);
            tricks.add(c + "/./" + route); // dot segments
            tricks.add(c + "/" + segments[0] + "/../" + route);
            tricks.add("/api/v1/clinics/0/../" + clinic + "/" + route);
            tricks.add(c + "//" + route); // empty segments
            tricks.add("/api/v1//clinics/" + clinic + "/" + route);
            tricks.add(c + "/" + route + "/");
            tricks.add("/api/v1/clinics/0" + clinic + "/" + route); // ids not in canonical form
            tricks.add(
                    "/api/v1/clinics/" + "0".repeat(19 - String.valueOf(clinic).length()) + clinic + "/" + route);
        }
        tricks.add(c + "/doctors/0000000000000000002/queue/stream/");
        tricks.add(c + "/doctors/1234567890123456789/queue/stream/");
        tricks.add(c + "/patients/05/");
        tricks.add(c + "/patients/5/check_in;x/");
        tricks.add(c + "/users/0" + doctor.id() + "/");
        tricks.add(c + "/visits/stream;x=1");
        for (String trick : tricks) {
            RawRequest.Answer answer = RawRequest.get(RestAssured.port, trick, token);
            assertThat(trick, answer.status(), is(404));
            assertThat(trick, answer.body(), containsString("\"success\":false"));
        }
        Thread.sleep(200);
        assertThat(RecordingService.count(), is(0));
        assertThat(RecordingService.hung(), org.hamcrest.Matchers.empty());
    }

    /** Issue 26: no answer of the API may be kept by a browser or proxy: forwarded, the gateway's own, errors. */
    @Test
    void everyAnswerOfTheApiIsNoStore() {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        Response login = login(doctor.username(), doctor.password());
        String token = login.then().statusCode(200).extract().path("data.access");
        List<Response> answers = List.of(
                login,
                given().auth().oauth2(token).get("/api/v1/clinics/{c}/patients/5/", clinic),
                given().auth().oauth2(token).get("/api/v1/clinics/{c}/users/me/", clinic),
                given().auth().oauth2(token).get("/api/v1/clinics/{c}/", clinic),
                given().get("/api/v1/clinics/{c}/patients/", clinic),
                given().auth().oauth2(token).get("/api/v1/clinics/{c}/no-such-thing/", clinic),
                given().auth().oauth2(token).get("/api/v1/clinics/{c}/users/0" + doctor.id() + "/", clinic));
        assertThat(answers.get(1).statusCode(), is(201)); // the service's answer, with its own max-age
        for (Response answer : answers) {
            assertThat(
                    answer.statusCode() + " " + answer.asString(),
                    answer.headers().getValues("Cache-Control"),
                    contains("no-store"));
        }
    }

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");

        given().auth()
                .oauth2(token(doctor.username(), doctor.password()))
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201)
                .header("RateLimit-Limit", "1000000")
                .header("RateLimit-Remaining", org.hamcrest.Matchers.notNullValue())
                .header("RateLimit-Reset", org.hamcrest.Matchers.notNullValue());
        login("nobody-at-all", "wrong-password-1").then().statusCode(401).header("RateLimit-Limit", "1000000");
    }
}
