package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.newClinic;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.ServiceRunner;
import org.clinic.testing.SseClient;
import org.clinic.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas of one install (one identity database, one Redis) in front of the same
 * services: a clinic's hourly limit holds across both. Redis is a real one ({@link TestRedis}),
 * under a key prefix of this run's own.
 */
class SharedRateLimitTest {

    private static final int CLINIC_LIMIT = 12;
    private static final int CLINIC_STREAMS = 7;
    private static final List<ServiceRunner> REPLICAS = new ArrayList<>();

    @BeforeAll
    static void replicas() {
        Suite.start();
        String redis = TestRedis.url();
        String prefix = "rl-e2e-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            REPLICAS.add(ServiceRunner.gateway(ServiceRunner.freePort())
                    .sharingDatabaseOf(Suite.gatewayProcess())
                    .env("CLINIC_PATIENTS_URL", Suite.patients())
                    .env("CLINIC_DOCTORS_URL", Suite.doctors())
                    .env("CLINIC_CONSULTATIONS_URL", Suite.consultations())
                    .env("REDIS_URL", redis)
                    .env("CLINIC_RATE_LIMIT_KEY_PREFIX", prefix)
                    .env("RATE_LIMIT_CLINIC_PER_HOUR", String.valueOf(CLINIC_LIMIT))
                    .env("CLINIC_ROUTING_MAX_STREAMS_PER_CLINIC", String.valueOf(CLINIC_STREAMS))
                    .start());
        }
    }

    @AfterAll
    static void stop() {
        REPLICAS.forEach(ServiceRunner::stop);
    }

    @Test
    void aClinicsLimitHoldsAcrossReplicas() throws Exception {
        long clinic = newClinic();
        List<Account> staff = List.of(
                newUser(clinic, "admin"),
                newUser(clinic, "doctor"),
                newUser(clinic, "receptionist"),
                newUser(clinic, "receptionist"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String replica = REPLICAS.get(i % 2).url();
                Account caller = staff.get(i % staff.size());
                answers.add(pool.submit(() -> given().baseUri(replica)
                        .auth()
                        .oauth2(caller.token())
                        .get("/api/v1/clinics/{c}/patients/", clinic)
                        .statusCode()));
            }
            int admitted = 0;
            int limited = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 200) {
                    admitted++;
                } else if (status == 429) {
                    limited++;
                }
            }
            assertThat(admitted, is(CLINIC_LIMIT));
            assertThat(limited, is(40 - CLINIC_LIMIT));
        } finally {
            pool.shutdownNow();
        }
    }

    /** API.md §7: a user's open event streams are counted across the replicas (Redis leases). */
    @Test
    void aUsersOpenStreamsAreCountedAcrossReplicas() throws Exception {
        long clinic = newClinic();
        Account receptionist = newUser(clinic, "receptionist");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseClient stream = SseClient.open(
                        java.net.URI.create(
                                REPLICAS.get(i % 2).url() + "/api/v1/clinics/" + clinic + "/visits/stream/"),
                        receptionist.token(),
                        null);
                assertEquals(200, stream.status(), "stream " + (i + 1));
                open.add(stream);
            }
            for (ServiceRunner replica : REPLICAS) {
                try (SseClient sixth = SseClient.open(
                        java.net.URI.create(replica.url() + "/api/v1/clinics/" + clinic + "/visits/stream/"),
                        receptionist.token(),
                        null)) {
                    assertEquals(429, sixth.status(), "the sixth, on either replica");
                }
            }
            open.remove(0).close(); // one of replica 0's
            assertEquals(
                    200,
                    openOnceFree(REPLICAS.get(1), clinic, receptionist, open),
                    "a stream closed on one replica frees a place on the other");
        } finally {
            open.forEach(SseClient::close);
        }
    }

    /** Issue 26: a clinic's open event streams are counted across the replicas too, its users' together. */
    @Test
    void aClinicsOpenStreamsAreCountedAcrossReplicas() throws Exception {
        long clinic = newClinic();
        long other = newClinic();
        Account doctor = newUser(clinic, "doctor");
        Account desk = newUser(clinic, "receptionist");
        Account elsewhere = newUser(other, "doctor");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < CLINIC_STREAMS; i++) {
                Account holder = i < 5 ? doctor : desk; // 5 a user may hold, the rest the other user's
                SseClient stream = openStream(REPLICAS.get(i % 2), clinic, holder);
                assertEquals(200, stream.status(), "stream " + (i + 1));
                open.add(stream);
            }
            for (ServiceRunner replica : REPLICAS) {
                try (SseClient past = openStream(replica, clinic, desk)) {
                    assertEquals(429, past.status(), "past the clinic's cap, on either replica");
                }
            }
            // another clinic is not held back by it
            SseClient theirs = openStream(REPLICAS.get(0), other, elsewhere);
            open.add(theirs);
            assertEquals(200, theirs.status());
            // a stream of the clinic that ends on one replica frees a place on the other
            open.remove(0).close();
            assertEquals(200, openOnceFree(REPLICAS.get(1), clinic, desk, open), "a place freed in the clinic's cap");
        } finally {
            open.forEach(SseClient::close);
        }
    }

    /**
     * A stream opened on {@code replica} once a place is free (a release reaches Redis asynchronously), tried for 3 s;
     * an admitted one joins {@code open}. The last status.
     */
    private static int openOnceFree(ServiceRunner replica, long clinic, Account holder, List<SseClient> open)
            throws Exception {
        int status = 0;
        for (int i = 0; i < 30 && status != 200; i++) {
            SseClient attempt = openStream(replica, clinic, holder);
            status = attempt.status();
            if (status == 200) {
                open.add(attempt);
            } else {
                attempt.close();
                Thread.sleep(100);
            }
        }
        return status;
    }

    private static SseClient openStream(ServiceRunner replica, long clinic, Account holder) throws Exception {
        return SseClient.open(
                java.net.URI.create(replica.url() + "/api/v1/clinics/" + clinic + "/visits/stream/"),
                holder.token(),
                null);
    }
}
