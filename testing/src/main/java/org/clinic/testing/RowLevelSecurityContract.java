package org.clinic.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The row-level-security proof every service runs (docs/security/tenant-isolation.md): with rows of two
 * clinics in each of its tables, deliberately unscoped statements sent through the service's own run-time
 * datasource, inside a request of clinic A, see and change only A's rows; with no clinic set they see
 * nothing; a row cannot be written into clinic B; audit events cannot be changed at all; and the run-time
 * role is not privileged.
 *
 * <p>The statements go through a test-only endpoint each service keeps in its test sources
 * ({@code POST /api/v1/clinics/{clinic_id}/rls-probe}, body {@code {"sql": …, "scoped": …}}): {@code scoped}
 * runs them in {@code ClinicTransactions.run} (the request's clinic set), otherwise in a plain transaction.
 * It answers {@code values} (first column of a select), {@code updated} (rows changed) or {@code sqlstate}.
 */
public final class RowLevelSecurityContract {

    /** PostgreSQL's insufficient_privilege: a row-level-security WITH CHECK violation, or a missing grant. */
    public static final String REFUSED = "42501";

    private final long clinicA;
    private final long clinicB;
    private final LongFunction<String> tokens;
    private final Map<String, String> inserts;

    /**
     * Two clinics of this run only, with tokens minted for an admin of each (the services trust a verified token).
     *
     * @param inserts per clinic table, an INSERT of one valid row with {@code %d} where its clinic id goes
     *     (and, if a row needs a unique value, {@code %d} again)
     */
    public RowLevelSecurityContract(Map<String, String> inserts) {
        this(inserts, 7_000_000 + (System.nanoTime() / 1000) % 1_000_000 * 2, 0, null);
    }

    /** Two existing clinics and a token of an admin of each (the gateway also checks that the user exists). */
    public RowLevelSecurityContract(
            Map<String, String> inserts, long clinicA, long clinicB, LongFunction<String> tokens) {
        this.clinicA = clinicA;
        this.clinicB = tokens == null ? clinicA + 1 : clinicB;
        this.tokens = tokens == null ? clinic -> TestTokens.clinicUser(clinic, 1, "admin") : tokens;
        this.inserts = inserts;
    }

    /** The kernel's clinic tables, in every database: one valid row each, for {@code inserts}. */
    public static Map<String, String> kernelTables() {
        Map<String, String> inserts = new LinkedHashMap<>();
        inserts.put(
                "audit_event",
                "insert into audit_event (clinic_id, action, resource_type) values (%d, 'create', 'probe')");
        inserts.put(
                "idempotency_key",
                "insert into idempotency_key (clinic_id, user_id, key, request_hash, state, created_at, updated_at)"
                        + " values (%d, 1, 'k-%d', repeat('0', 64), 'done', now(), now())");
        inserts.put(
                "export_file",
                "insert into export_file (clinic_id, export_id, resource, count, bytes, sha256, chunks, keep_until)"
                        + " values (%d, %d, 'patients', 0, 0, repeat('0', 64), 0, now() + interval '1 day')");
        inserts.put(
                "export_chunk",
                "insert into export_chunk (clinic_id, export_id, resource, n, data)"
                        + " values (%d, %d, 'patients', 0, '\\x00'::bytea)");
        return inserts;
    }

    /** Runs every check on every table. */
    public void check() throws SQLException {
        for (var entry : inserts.entrySet()) {
            String table = entry.getKey();
            admin(entry.getValue().formatted(clinicA, clinicA));
            admin(entry.getValue().formatted(clinicB, clinicB));
            long rowsOfA = adminCount(table, clinicA);
            long rowsOfB = adminCount(table, clinicB);

            List<String> seen =
                    probe(clinicA, "select clinic_id from " + table, true).getList("values", String.class);
            assertFalse(seen.isEmpty(), table + ": clinic A sees its own rows");
            assertTrue(
                    seen.stream().allMatch(c -> c.equals(Long.toString(clinicA))),
                    table + ": only A's rows, saw " + seen);

            assertEquals(
                    List.of(),
                    probe(clinicA, "select clinic_id from " + table + " where clinic_id is not null", false)
                            .getList("values", String.class),
                    table + ": no clinic set sees no clinic's row");

            assertEquals(
                    REFUSED,
                    probe(clinicA, entry.getValue().formatted(clinicB, clinicB), true)
                            .getString("sqlstate"),
                    table + ": inserting a row of clinic B is refused");

            if (table.equals("audit_event")) {
                assertEquals(
                        REFUSED,
                        probe(clinicA, "update audit_event set action = action", true)
                                .getString("sqlstate"),
                        "audit events cannot be updated by the run-time role");
                assertEquals(
                        REFUSED,
                        probe(clinicA, "delete from audit_event", true).getString("sqlstate"),
                        "audit events cannot be deleted by the run-time role");
            } else {
                assertEquals(
                        REFUSED,
                        probe(clinicA, "update " + table + " set clinic_id = " + clinicB, true)
                                .getString("sqlstate"),
                        table + ": moving a row into clinic B is refused");
                assertEquals(
                        0,
                        probe(clinicA, "delete from " + table + " where clinic_id = " + clinicB, true)
                                .getInt("updated"),
                        table + ": clinic B's rows cannot be deleted from A");
                assertEquals(
                        0,
                        probe(
                                        clinicA,
                                        "update " + table + " set clinic_id = clinic_id where clinic_id = " + clinicB,
                                        true)
                                .getInt("updated"),
                        table + ": clinic B's rows cannot be updated from A");
            }
            assertEquals(rowsOfB, adminCount(table, clinicB), table + ": clinic B's rows are untouched");
            assertEquals(
                    rowsOfA, adminCount(table, clinicA), table + ": clinic A's rows are still there, nothing more");
        }
    }

    /** The run-time role has no special attribute, owns no table and may not change the schema. */
    public void checkRole(String anyTable) {
        assertEquals(
                List.of("false"),
                probe(
                                clinicA,
                                "select rolsuper or rolbypassrls or rolcreaterole or rolcreatedb from pg_roles"
                                        + " where rolname = current_user",
                                true)
                        .getList("values", String.class));
        assertEquals(
                List.of("0"),
                probe(
                                clinicA,
                                "select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user",
                                true)
                        .getList("values", String.class));
        assertEquals(
                REFUSED,
                probe(clinicA, "create table rls_probe_ddl (id int)", true).getString("sqlstate"));
        assertEquals(
                REFUSED,
                probe(clinicA, "alter table " + anyTable + " disable row level security", true)
                        .getString("sqlstate"));
        assertEquals(
                REFUSED,
                probe(clinicA, "delete from flyway_schema_history", true).getString("sqlstate"));
    }

    private JsonPath probe(long clinic, String sql, boolean scoped) {
        return given().auth()
                .oauth2(tokens.apply(clinic))
                .contentType(ContentType.JSON)
                .body(Map.of("sql", sql, "scoped", scoped))
                .post("/api/v1/clinics/{c}/rls-probe", clinic)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = PostgresDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long adminCount(String table, long clinic) throws SQLException {
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select count(*) from " + table + " where clinic_id = " + clinic)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
