package org.clinic.testing;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API.md §1's answers, proven on a real resource of the service that runs it (not on a test fixture): the
 * envelope's exact keys on a create, a read and a list; 405 with {@code Allow}, 413, 415 and malformed JSON in the
 * envelope; a failure inside the service's real query is a 500 that names nothing internal; and a change whose
 * audit event cannot be written is not made at all (one transaction). A service test class extends it and names
 * one of its collections.
 */
public abstract class ErrorContract {

    /** The collection under test, e.g. {@code /api/v1/clinics/{clinic}/patients/}, for this clinic. */
    protected abstract String collection(long clinic);

    /** The table its records live in (for the failure and the rollback). */
    protected abstract String table();

    /** A clinic of this run with whatever a create needs (the caller, a patient, a doctor profile …). */
    protected abstract long newClinic();

    /** A request as a caller of that clinic who may list and create in the collection. */
    protected abstract RequestSpecification as(long clinic);

    /** A valid body for a create in that clinic. */
    protected abstract Map<String, Object> validBody(long clinic);

    /** A read of the collection that queries {@link #table()} whatever the clinic holds (a filter, say). */
    protected String readingTheTable(long clinic) {
        return collection(clinic);
    }

    /** The methods the collection serves, as {@code Allow} names them. */
    protected String collectionMethods() {
        return "GET, POST";
    }

    private static final List<String> ENVELOPE = List.of("success", "message", "data", "errors");

    @Test
    void aCreateAReadAndAListAnswerExactlyTheEnvelopesKeys() {
        long clinic = newClinic();
        String location = as(clinic)
                .contentType(ContentType.JSON)
                .body(validBody(clinic))
                .post(collection(clinic))
                .then()
                .statusCode(201)
                .body("keySet()", containsInAnyOrder(ENVELOPE.toArray()))
                .body("success", equalTo(true))
                .body("errors", nullValue())
                .extract()
                .header("Location");
        as(clinic)
                .get(location)
                .then()
                .statusCode(200)
                .body("keySet()", containsInAnyOrder(ENVELOPE.toArray()))
                .body("errors", nullValue());
        as(clinic)
                .get(collection(clinic))
                .then()
                .statusCode(200)
                .body("keySet()", containsInAnyOrder("success", "message", "data", "errors", "pagination"))
                .body(
                        "pagination.keySet()",
                        containsInAnyOrder("count", "page", "page_size", "total_pages", "next", "previous"));
    }

    @Test
    void aWrongMethodIsA405NamingTheAllowedOnes() {
        long clinic = newClinic();
        error(as(clinic).delete(collection(clinic)), 405, "Method not allowed.")
                .then()
                .header("Allow", collectionMethods());
    }

    @Test
    void aBodyOverOneMebibyteIsA413() {
        long clinic = newClinic();
        String big = "{\"x\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        error(
                as(clinic).contentType(ContentType.JSON).body(big).post(collection(clinic)),
                413,
                "Request body too large: the limit is 1 MiB.");
    }

    @Test
    void aBodyThatIsNotJsonIsA415() {
        long clinic = newClinic();
        error(
                as(clinic).contentType(ContentType.TEXT).body("name=x").post(collection(clinic)),
                415,
                "Unsupported media type: send application/json.");
    }

    @Test
    void malformedJsonIsA400() {
        long clinic = newClinic();
        error(
                as(clinic).contentType(ContentType.JSON).body("{\"a\": ").post(collection(clinic)),
                400,
                "Malformed JSON request body.");
    }

    /**
     * The service's own list query fails in the database (its run-time role loses the table's SELECT grant for a
     * moment): a 500 in the envelope that names no table, SQL, class or host.
     */
    @Test
    void aFailureInsideARealQueryIsA500ThatRevealsNothing() throws Exception {
        long clinic = newClinic();
        Response failed;
        try (Connection admin = PostgresDatabase.connect();
                Statement sql = admin.createStatement()) {
            sql.execute("REVOKE SELECT ON " + table() + " FROM " + PostgresDatabase.ROLES.app());
            try {
                failed = as(clinic).get(readingTheTable(clinic));
            } finally {
                sql.execute("GRANT SELECT ON " + table() + " TO " + PostgresDatabase.ROLES.app());
            }
        }
        String body = error(failed, 500, "Internal server error.").asString().toLowerCase(Locale.ROOT);
        for (String internal : List.of(
                table(), "select", "permission", "42501", "exception", "postgres", "127.0.0.1", "org.clinic", "at ")) {
            assertFalse(body.contains(internal), () -> "the 500 names '" + internal + "': " + body);
        }
        as(clinic).get(collection(clinic)).then().statusCode(200);
    }

    /**
     * The audit event of a create is written in the create's transaction: when it cannot be written (a trigger
     * refuses this clinic's events for a moment), the record is not stored either.
     */
    @Test
    void aCreateWhoseAuditEventFailsLeavesNothing() throws Exception {
        long clinic = newClinic();
        long before = count(clinic);
        String function = "refuse_audit_" + clinic;
        try (Connection admin = PostgresDatabase.connect();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.clinic_id = " + clinic + " THEN RAISE EXCEPTION 'audit refused by the test'; END IF;"
                    + " RETURN NEW; END $$");
            sql.execute("CREATE TRIGGER " + function + " BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION "
                    + function + "()");
            try {
                Response refused = as(clinic)
                        .contentType(ContentType.JSON)
                        .body(validBody(clinic))
                        .post(collection(clinic));
                error(refused, 500, "Internal server error.");
            } finally {
                sql.execute("DROP TRIGGER " + function + " ON audit_event");
                sql.execute("DROP FUNCTION " + function + "()");
            }
        }
        assertEquals(before, count(clinic), "the record was stored without its audit event");
        // and with the audit writable again, the same create succeeds
        as(clinic)
                .contentType(ContentType.JSON)
                .body(validBody(clinic))
                .post(collection(clinic))
                .then()
                .statusCode(201);
        assertEquals(before + 1, count(clinic));
    }

    private long count(long clinic) throws SQLException {
        try (Connection admin = PostgresDatabase.connect();
                ResultSet rows = admin.createStatement()
                        .executeQuery("SELECT count(*) FROM " + table() + " WHERE clinic_id = " + clinic)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Response error(Response response, int status, String message) {
        response.then()
                .statusCode(status)
                .contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder(ENVELOPE.toArray()))
                .body("success", equalTo(false))
                .body("message", equalTo(message))
                .body("data", nullValue())
                .body("errors", nullValue());
        return response;
    }
}
