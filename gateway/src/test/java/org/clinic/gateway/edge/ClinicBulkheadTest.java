package org.clinic.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 26's bulkhead through the real gateway: a clinic may have {@code max-in-flight-per-clinic} (2 here) requests in
 * progress on a replica; its next is a 429 at once, while another clinic's requests go through, and its places come
 * back when its requests end. The doctors-service behind never answers ({@link RecordingService}): the clinic's
 * requests to it stay in progress until the gateway's idle timeout (3 s) answers them 503.
 */
@QuarkusTest
@TestProfile(ClinicBulkheadTest.TwoAtOnce.class)
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = RecordingService.class, restrictToAnnotatedClass = true)
class ClinicBulkheadTest {

    public static class TwoAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic.routing.max-in-flight-per-clinic", "2");
        }
    }

    @Inject
    ClinicBulkhead bulkhead;

    @BeforeEach
    void forget() {
        RecordingService.clear();
    }

    private static Response patients(long clinic, String token) {
        return given().auth().oauth2(token).get("/api/v1/clinics/{c}/patients/", clinic);
    }

    @Test
    void aClinicWithItsRequestsInProgressWaitsOnItselfNotTheOthers() throws Exception {
        double refusedBefore = refused();
        long busy = RateLimitScenarios.clinic(null);
        long other = RateLimitScenarios.clinic(null);
        String busyDesk = token(busy, "receptionist");
        String busyDoctor = token(busy, "doctor");
        String otherDesk = token(other, "receptionist");
        String operator = TestTokens.superuser(RateLimitScenarios.user(null, "superuser"));

        // two of the busy clinic's requests go to the service that never answers, from two of its users
        List<CompletableFuture<Integer>> hung = new ArrayList<>();
        for (String token : List.of(busyDesk, busyDoctor)) {
            hung.add(CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(token)
                    .get("/api/v1/clinics/{c}/doctors/", busy)
                    .statusCode()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (RecordingService.hung().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, RecordingService.hung().size(), "the first reached the service, the second waits for it");

        // the busy clinic's third, on another service and by either user: refused at once, never forwarded
        long started = System.nanoTime();
        patients(busy, busyDesk)
                .then()
                .statusCode(429)
                .header("Retry-After", "1")
                .body("success", equalTo(false))
                .body("message", containsString("this clinic already has 2 requests in progress"));
        assertThat(System.nanoTime() - started, lessThan(TimeUnit.SECONDS.toNanos(2)));
        patients(busy, busyDoctor).then().statusCode(429);
        // another clinic is not held up by it, nor is the operator in the busy clinic
        patients(other, otherDesk).then().statusCode(201);
        patients(busy, operator).then().statusCode(201);
        assertEquals(2, RecordingService.count(), "only the other clinic's and the operator's reached the service");

        // once the busy clinic's requests have their answers, its places are back
        for (CompletableFuture<Integer> request : hung) {
            assertEquals(503, request.get(30, TimeUnit.SECONDS));
        }
        patients(busy, busyDesk).then().statusCode(201);
        assertEquals(refusedBefore + 2, refused(), "gateway_clinic_in_flight_refused_total counts the two refusals");
    }

    /**
     * The gateway's own routes that wait on the services take the clinic's places too (a report waits on every
     * service, a download streams for as long as its client reads): two dashboards waiting on doctors-service's
     * figures hold the busy clinic's two places, so its next request is a 429 whether it is forwarded or the audit
     * list, while its single-row reads, another clinic and the operator go on; once the dashboards are answered the
     * places are back.
     */
    @Test
    void theGatewaysOwnRoutesHoldTheClinicsPlacesToo() throws Exception {
        long busy = RateLimitScenarios.clinic(null);
        long other = RateLimitScenarios.clinic(null);
        String admin = token(busy, "admin");
        String busyDesk = token(busy, "receptionist");
        String otherDesk = token(other, "receptionist");
        String operator = TestTokens.superuser(RateLimitScenarios.user(null, "superuser"));
        double refusedBefore = refused();

        // each dashboard waits up to its 3 s read timeout for doctors-service, which never answers
        List<CompletableFuture<Integer>> dashboards = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            dashboards.add(CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(admin)
                    .get("/api/v1/clinics/{c}/analytics/dashboard/", busy)
                    .statusCode()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (bulkhead.inFlight(busy) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, bulkhead.inFlight(busy), "both dashboards hold a place while they wait");

        patients(busy, busyDesk).then().statusCode(429).header("Retry-After", "1");
        given().auth()
                .oauth2(admin)
                .get("/api/v1/clinics/{c}/audit-events/", busy)
                .then()
                .statusCode(429)
                .header("Retry-After", "1")
                .body("message", containsString("this clinic already has 2 requests in progress"));
        // the gateway's single-row reads take no place: doctors-service makes them back to the gateway (a user, the
        // clinic) with the caller's token while the caller's forwarded request holds its place
        given().auth()
                .oauth2(busyDesk)
                .get("/api/v1/clinics/{c}/users/me/", busy)
                .then()
                .statusCode(200);
        given().auth().oauth2(admin).get("/api/v1/clinics/{c}/", busy).then().statusCode(200);
        patients(other, otherDesk).then().statusCode(201);
        given().auth()
                .oauth2(operator)
                .get("/api/v1/clinics/{c}/audit-events/", busy)
                .then()
                .statusCode(not(429));

        for (CompletableFuture<Integer> dashboard : dashboards) {
            assertEquals(200, dashboard.get(30, TimeUnit.SECONDS));
        }
        assertEquals(0, bulkhead.inFlight(busy), "the dashboards' places came back with their answers");
        patients(busy, busyDesk).then().statusCode(201);
        assertEquals(refusedBefore + 2, refused());
    }

    /** A token of a new user of {@code clinic} with {@code role}. */
    private static String token(long clinic, String role) {
        return TestTokens.clinicUser(clinic, RateLimitScenarios.user(clinic, role), role);
    }

    private static double refused() {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith("gateway_clinic_in_flight_refused_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        return 0;
    }
}
