package org.clinic.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.SseClient;
import org.junit.jupiter.api.Test;

/**
 * Issue 26: one clinic's event streams can neither starve another clinic's requests nor take the whole stream budget.
 * Streams have a pool of their own per service ({@link StreamingService#STREAM_POOL}), requests theirs (smaller here:
 * {@link StreamingService#REQUEST_POOL}); a clinic holds at most {@link StreamingService#CLINIC_STREAMS} streams; a
 * full pool is a 503 after the pool wait, never a hang. Real gateway, real database, real tokens and logins; the
 * services behind are {@link StreamingService}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = StreamingService.class, restrictToAnnotatedClass = true)
class StreamBudgetTest extends GatewayTestBase {

    @Test
    void oneClinicsStreamsNeitherStarveAnotherClinicsRequestsNorPassItsCap() throws Exception {
        long noisy = newClinic();
        long quiet = newClinic();
        long third = newClinic();
        String doctor = tokenOf(newUser(noisy, "doctor"));
        String desk = tokenOf(newUser(noisy, "receptionist"));
        String victim = tokenOf(newUser(quiet, "doctor"));
        String other = tokenOf(newUser(third, "doctor"));
        List<SseClient> open = new ArrayList<>();
        try {
            // the noisy clinic takes its cap: more streams than the request pool holds
            for (int i = 0; i < StreamingService.CLINIC_STREAMS; i++) {
                open.add(admitted(stream(noisy, doctor)));
            }
            // past it, the clinic's streams are refused whoever asks, with when to retry
            for (String token : List.of(doctor, desk)) {
                Response refused = refusedStream(noisy, token);
                refused.then()
                        .statusCode(429)
                        .header("Retry-After", "30")
                        .body("success", equalTo(false))
                        .body("message", containsString("in this clinic"));
            }
            // another clinic opens its own streams: the stream pool is now full
            for (int i = StreamingService.CLINIC_STREAMS; i < StreamingService.STREAM_POOL; i++) {
                open.add(admitted(stream(quiet, victim)));
            }
            assertEquals(StreamingService.STREAM_POOL, StreamingService.open());

            // with more streams open than the request pool has connections, every clinic's requests are answered,
            // concurrently too: none waits behind a stream
            List<CompletableFuture<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String token = i % 2 == 0 ? victim : other;
                long clinic = i % 2 == 0 ? quiet : third;
                String family = List.of("doctors", "visits", "queue-board").get(i % 3);
                reads.add(CompletableFuture.supplyAsync(() -> given().auth()
                        .oauth2(token)
                        .get("/api/v1/clinics/{c}/" + family + "/", clinic)
                        .statusCode()));
            }
            for (CompletableFuture<Integer> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS), is(200));
            }

            // a third clinic's stream finds the stream pool full: a 503 after the pool wait, not a hang
            long started = System.nanoTime();
            refusedStream(third, other)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("success", equalTo(false));
            assertThat((System.nanoTime() - started) / 1_000_000 >= StreamingService.POOL_WAIT_MILLIS - 100, is(true));

            // a stream that ends gives back its place in the clinic's cap (and its pooled connection)
            open.remove(0).close();
            assertThat(eventually(() -> stream(noisy, desk)), is(200));
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void aRequestThatFindsItsPoolFullIsA503AfterThePoolWait() throws Exception {
        long clinic = newClinic();
        String doctor = tokenOf(newUser(clinic, "doctor"));
        List<CompletableFuture<Integer>> hanging = new ArrayList<>();
        for (int i = 0; i < StreamingService.REQUEST_POOL; i++) {
            hanging.add(CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(doctor)
                    .get("/api/v1/clinics/{c}/patients/?hang", clinic)
                    .statusCode()));
        }
        Thread.sleep(500); // both hold the pool's connections
        long started = System.nanoTime();
        given().auth()
                .oauth2(doctor)
                .get("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("success", equalTo(false))
                .body("message", containsString("temporarily unavailable"));
        long waited = (System.nanoTime() - started) / 1_000_000;
        assertThat(waited >= StreamingService.POOL_WAIT_MILLIS - 100, is(true));
        // the other services' pools are their own: consultations' answers at once
        given().auth()
                .oauth2(doctor)
                .get("/api/v1/clinics/{c}/consultations/", clinic)
                .then()
                .statusCode(200);
        for (CompletableFuture<Integer> request : hanging) {
            assertThat(request.get(20, TimeUnit.SECONDS), is(200));
        }
    }

    private static String tokenOf(Account account) {
        return token(account.username(), account.password());
    }

    private static SseClient stream(long clinic, String token) throws Exception {
        URI uri = URI.create(
                RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/clinics/" + clinic + "/visits/stream/");
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        return SseClient.open(uri, token, null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .get(10, TimeUnit.SECONDS);
    }

    private static SseClient admitted(SseClient stream) {
        assertEquals(200, stream.status(), "an admitted stream");
        return stream;
    }

    /** A stream the gateway answers with an error (read whole, so its envelope can be checked). */
    private static Response refusedStream(long clinic, String token) {
        return given().auth()
                .oauth2(token)
                .accept("text/event-stream")
                .get("/api/v1/clinics/{c}/visits/stream/", clinic);
    }

    private interface Opener {
        SseClient open() throws Exception;
    }

    /** The status of the first attempt that is admitted within 5 s (a released lease and connection are asynchronous). */
    private static int eventually(Opener opener) throws Exception {
        int status = 0;
        for (int i = 0; i < 50; i++) {
            SseClient attempt = opener.open();
            status = attempt.status();
            attempt.close();
            if (status == 200) {
                return status;
            }
            Thread.sleep(100);
        }
        return status;
    }
}
