package org.clinic.patients.patient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.Race;
import org.clinic.testing.RefusedAnswers;
import org.clinic.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class IdempotentCreateTest {

    private static Response create(long clinic, String key, String name) {
        return given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 9, "receptionist"))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Map.of(
                        "patient_name",
                        name,
                        "date_of_birth",
                        "2001-01-01",
                        "gender",
                        "M",
                        "phone_number",
                        "9000000009"))
                .post("/api/v1/clinics/{c}/patients/", clinic);
    }

    private static long patients(long clinic) throws Exception {
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs =
                        c.createStatement().executeQuery("select count(*) from patient where clinic_id = " + clinic)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aRepeatReturnsTheFirstAnswerWithoutCreatingAgain() throws Exception {
        long clinic = 880_001 + (System.nanoTime() % 100_000);
        String key = UUID.randomUUID().toString();
        Response first = create(clinic, key, "Once Only");
        first.then().statusCode(201);
        Response again = create(clinic, key, "Once Only");
        again.then().statusCode(201).header("Location", equalTo(first.header("Location")));
        assertEquals(first.asString(), again.asString());
        assertEquals(1, patients(clinic));
        create(clinic, UUID.randomUUID().toString(), "Once Only").then().statusCode(201);
        assertEquals(2, patients(clinic));
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() throws Exception {
        long clinic = 890_001 + (System.nanoTime() % 100_000);
        String key = UUID.randomUUID().toString();
        create(clinic, key, "First Body").then().statusCode(201);
        create(clinic, key, "Second Body").then().statusCode(409).body("success", equalTo(false));
        assertEquals(1, patients(clinic));
    }

    /**
     * Issue 27: the key's answer is written in the work's own transaction. When recording it fails, nothing of the work
     * is left (no patient, no key): a retry does the work once, and gets its answer from then on. With the answer in a
     * second transaction, this failure left the patient made and the key in flight, and a retry a minute later made a
     * second patient.
     */
    @Test
    void theWorkAndItsAnswerAreCommittedTogetherOrNotAtAll() throws Exception {
        long clinic = 895_001 + (System.nanoTime() % 4_000);
        String key = RefusedAnswers.key();
        try (RefusedAnswers refused = RefusedAnswers.install()) {
            Response failed = create(clinic, key, "Half Made");
            assertTrue(failed.statusCode() >= 500, failed.asString());
            assertEquals(false, failed.<Boolean>path("success"));
            assertEquals(0, patients(clinic), "the work was rolled back with its answer");
            assertEquals(0, keys(clinic), "no key is left in flight");
        }
        Response retried = create(clinic, key, "Half Made");
        retried.then().statusCode(201);
        assertEquals(
                retried.asString(),
                create(clinic, key, "Half Made")
                        .then()
                        .statusCode(201)
                        .extract()
                        .asString());
        assertEquals(1, patients(clinic));
    }

    private static long keys(long clinic) throws Exception {
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select count(*) from idempotency_key where clinic_id = " + clinic)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A key is kept 24 hours: after that the same key is a new request, its row taken over by the claim. */
    @Test
    void anExpiredKeyIsANewRequest() throws Exception {
        long clinic = 899_001 + (System.nanoTime() % 1_000);
        String key = UUID.randomUUID().toString();
        create(clinic, key, "Yesterday").then().statusCode(201);
        try (Connection c = PostgresDatabase.connect()) {
            c.createStatement()
                    .execute("update idempotency_key set created_at = now() - interval '25 hours'"
                            + " where clinic_id = " + clinic + " and key = '" + key + "'");
        }
        String today = create(clinic, key, "Yesterday")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        assertEquals(
                today,
                create(clinic, key, "Yesterday")
                        .then()
                        .statusCode(201)
                        .extract()
                        .asString());
        assertEquals(2, patients(clinic));
        assertEquals(1, keys(clinic));
    }

    /**
     * Stored answers expire (issue 26): the scheduled purge deletes every clinic's keys older than 24 hours (they hold
     * PHI), through row-level security that shows the run-time role one clinic at a time, and keeps the younger ones.
     */
    @Test
    void theScheduledPurgeDeletesEveryClinicsExpiredKeysAndKeepsTheRest() throws Exception {
        long first = 930_001 + (System.nanoTime() % 100_000);
        long second = first + 100_000;
        String old = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        create(first, old, "Old One").then().statusCode(201);
        create(second, other, "Old Two").then().statusCode(201);
        create(first, fresh, "Fresh").then().statusCode(201);
        try (Connection c = PostgresDatabase.connect()) {
            // past the 24 hours and the purge's hour of margin for clocks, and one inside that margin (already a new
            // request if used again, but not yet deleted: a database clock ahead of a service's cannot cut it short)
            c.createStatement()
                    .execute("update idempotency_key set created_at = now() - interval '25 hours 1 minute'"
                            + " where key in ('" + old + "', '" + other + "')");
            c.createStatement()
                    .execute("update idempotency_key set created_at = now() - interval '24 hours 30 minutes'"
                            + " where key = '" + fresh + "'");
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while ((keys(first) != 1 || keys(second) != 0) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, keys(second), "the other clinic's expired key is purged too");
        assertEquals(1, keys(first), "the expired key is purged, the one inside the margin kept");
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select key from idempotency_key where clinic_id = " + first)) {
            rs.next();
            assertEquals(fresh, rs.getString(1));
        }
        // the records themselves stay
        assertEquals(3, patients(first) + patients(second));
    }

    /** A key left in flight by the version before (its answer recorded in a second transaction): honoured on upgrade. */
    @Test
    void aKeyLeftInFlightIsAConflictUntilItsClaimIsAbandoned() throws Exception {
        long clinic = 900_001 + (System.nanoTime() % 100_000);
        String key = UUID.randomUUID().toString();
        create(clinic, key, "Racing").then().statusCode(201);
        // make the first look as if a previous version were still running it (its answer not yet recorded)
        try (Connection c = PostgresDatabase.connect()) {
            c.createStatement()
                    .execute("update idempotency_key set state = 'in_flight', updated_at = now()"
                            + " where clinic_id = " + clinic + " and key = '" + key + "'");
        }
        create(clinic, key, "Racing").then().statusCode(409);
        assertEquals(1, patients(clinic));
        // a claim nobody has touched for over a minute was left by a process that died: taken over
        try (Connection c = PostgresDatabase.connect()) {
            c.createStatement()
                    .execute("update idempotency_key set updated_at = now() - interval '2 minutes'"
                            + " where clinic_id = " + clinic + " and key = '" + key + "'");
        }
        create(clinic, key, "Racing").then().statusCode(201);
        create(clinic, key, "Racing").then().statusCode(201);
        assertEquals(2, patients(clinic));
    }

    /**
     * The same key and body sent six times at once: one patient; every answer is its 201 or "in flight" (409, at
     * once: API.md §1).
     */
    @Test
    void theSameKeySentSeveralTimesAtOnceCreatesOnePatient() throws Exception {
        long clinic = 910_001 + (System.nanoTime() % 100_000);
        String key = UUID.randomUUID().toString();
        List<Response> answers = Race.of(6, n -> create(clinic, key, "At Once"));
        List<Response> created =
                answers.stream().filter(r -> r.statusCode() == 201).toList();
        assertTrue(!created.isEmpty(), "no request created the patient");
        for (Response answer : answers) {
            if (answer.statusCode() == 201) {
                assertEquals(created.get(0).asString(), answer.asString(), "a replay differs from the first answer");
            } else {
                assertEquals(409, answer.statusCode(), answer.asString());
                assertEquals("A request with this Idempotency-Key is still being processed.", answer.path("message"));
            }
        }
        assertEquals(1, patients(clinic));
        // and once the first has finished, a repeat gets its answer
        assertEquals(
                created.get(0).asString(),
                create(clinic, key, "At Once").then().statusCode(201).extract().asString());
        assertEquals(1, patients(clinic));
    }

    @Test
    void keysAreOneTo255Characters() {
        long clinic = 920_001;
        create(clinic, "k".repeat(256), "Too Long Key")
                .then()
                .statusCode(400)
                .body("errors", hasKey("Idempotency-Key"));
    }

    @Test
    void keysBelongToTheirUser() throws Exception {
        long clinic = 930_001 + (System.nanoTime() % 100_000);
        String key = UUID.randomUUID().toString();
        create(clinic, key, "Mine").then().statusCode(201);
        given().auth()
                .oauth2(TestTokens.clinicUser(clinic, 10, "receptionist"))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Map.of(
                        "patient_name",
                        "Mine",
                        "date_of_birth",
                        "2001-01-01",
                        "gender",
                        "M",
                        "phone_number",
                        "9000000009"))
                .post("/api/v1/clinics/{c}/patients/", clinic)
                .then()
                .statusCode(201);
        assertEquals(2, patients(clinic));
    }
}
