package org.clinic.gateway.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** The gateway's own share of the audit trail, and the lock on it. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class GatewayAuditTest extends GatewayTestBase {

    @Inject
    Pool pool;

    @Test
    void aSuperusersReadInsideAClinicIsRecordedAnAdminsIsNot() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");

        as(admin).get("/api/v1/clinics/{c}/users/", clinic).then().statusCode(200);
        assertThat(readPhi(clinic), is(0));
        asSuperuser()
                .get("/api/v1/clinics/{c}/users/{u}/", clinic, admin.id())
                .then()
                .statusCode(200);
        assertThat(readPhi(clinic), is(1));
        try (Connection db = PostgresDatabase.connect();
                PreparedStatement q = db.prepareStatement("SELECT actor_role, resource_type, resource_id, request_id"
                        + " FROM audit_event WHERE clinic_id = ? AND action = 'read_phi'")) {
            q.setLong(1, clinic);
            try (ResultSet row = q.executeQuery()) {
                row.next();
                assertThat(row.getString(1), is("superuser"));
                assertThat(row.getString(2), is("user"));
                assertThat(row.getLong(3), is(admin.id()));
                assertThat(row.getString(4) != null, is(true));
            }
        }
    }

    @Test
    void aSuperusersHeadInsideAClinicIsARecordedReadOnItsOwnRoutesAndForwardedOnes() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        // a HEAD answers whether the record exists, its ETag and length: a read like a GET
        asSuperuser()
                .head("/api/v1/clinics/{c}/users/{u}/", clinic, admin.id())
                .then()
                .statusCode(200);
        assertThat(readPhi(clinic), is(1));
        // a forwarded route: recorded before it is forwarded (no patients-service here: a 503 after)
        asSuperuser().head("/api/v1/clinics/{c}/patients/5/", clinic);
        assertThat(readPhi(clinic), is(2));
        // writes are not reads: they are audited by the service as what they change
        asSuperuser()
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{}")
                .post("/api/v1/clinics/{c}/patients/", clinic);
        assertThat(readPhi(clinic), is(2));
    }

    @Test
    void auditRowsCannotBeChangedThroughTheGatewaysOwnDatasource() {
        newClinic(); // at least one event exists
        // refused by the database (42501 insufficient_privilege), not merely matching no row
        for (String change : new String[] {
            "UPDATE audit_event SET action = 'update'", "DELETE FROM audit_event", "TRUNCATE audit_event"
        }) {
            Throwable refused = assertThrows(
                    Throwable.class, () -> pool.query(change).execute().await().indefinitely());
            assertThat(change, sqlState(refused), is("42501"));
        }
    }

    @Test
    void auditRowsCannotBeChangedEvenByTheTablesOwner() throws Exception {
        newClinic(); // at least one event exists
        try (Connection owner = java.sql.DriverManager.getConnection(
                PostgresDatabase.jdbcUrl(PostgresDatabase.currentDatabase()),
                PostgresDatabase.ROLES.owner(),
                PostgresDatabase.ROLES.ownerPassword())) {
            for (String change : new String[] {
                "UPDATE audit_event SET action = 'update'", "DELETE FROM audit_event", "TRUNCATE audit_event"
            }) {
                java.sql.SQLException refused = assertThrows(java.sql.SQLException.class, () -> owner.createStatement()
                        .execute(change));
                assertThat(change, refused.getSQLState(), is("42501"));
                assertThat(change, refused.getMessage(), org.hamcrest.Matchers.containsString("append-only"));
            }
        }
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg) {
                return pg.getSqlState();
            }
        }
        throw new AssertionError("not refused by PostgreSQL: " + failure, failure);
    }

    @Test
    void theMergedListIs503WhenAServiceCannotAnswer() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");

        as(admin)
                .get("/api/v1/clinics/{c}/audit-events/", clinic)
                .then()
                .statusCode(503)
                .body("success", equalTo(false));
        as(newUser(clinic, "doctor"))
                .get("/api/v1/clinics/{c}/audit-events/", clinic)
                .then()
                .statusCode(403);
    }

    private static int readPhi(long clinic) throws Exception {
        try (Connection db = PostgresDatabase.connect();
                PreparedStatement q = db.prepareStatement(
                        "SELECT count(*) FROM audit_event WHERE clinic_id = ? AND action = 'read_phi'")) {
            q.setLong(1, clinic);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
