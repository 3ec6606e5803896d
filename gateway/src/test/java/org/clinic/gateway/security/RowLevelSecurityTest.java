package org.clinic.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.RowLevelSecurityContract;
import org.junit.jupiter.api.Test;

/**
 * The gateway's kernel tables are held to the request's clinic by the database; its identity tables are
 * outside row-level security on purpose (docs/security/tenant-isolation.md).
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class RowLevelSecurityTest extends GatewayTestBase {

    private static RowLevelSecurityContract contract() {
        Map<String, String> inserts = RowLevelSecurityContract.kernelTables();
        // a finished export (an unfinished one is one per clinic), asked by any user: the contract checks the clinic
        inserts.put(
                "export_job",
                "insert into export_job (clinic_id, status, resources, requested_by, requested_at)"
                        + " values (%d, 'failed', 'patients', (select min(id) from app_user), now())");
        long a = newClinic();
        long b = newClinic();
        Account adminA = newUser(a, "admin");
        Account adminB = newUser(b, "admin");
        String tokenA = token(adminA.username(), adminA.password());
        String tokenB = token(adminB.username(), adminB.password());
        return new RowLevelSecurityContract(inserts, a, b, clinic -> clinic == a ? tokenA : tokenB);
    }

    @Test
    void theKernelTablesAreHeldToTheRequestsClinicByTheDatabase() throws Exception {
        contract().check();
    }

    @Test
    void theRunTimeRoleIsNotPrivileged() {
        contract().checkRole("audit_event");
    }

    @Test
    void aPlatformEventWithoutAClinicIsStillWritten() throws Exception {
        long before = platformEvents();
        login(SUPERUSER, SUPERUSER_PASSWORD).then().statusCode(200);
        login("nobody-" + System.nanoTime(), "wrong-password").then().statusCode(401);
        assertEquals(before + 2, platformEvents(), "a superuser's login and a failed login of no account");
    }

    private static long platformEvents() throws Exception {
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select count(*) from audit_event where clinic_id is null"
                                + " and action in ('login', 'login_failed')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
