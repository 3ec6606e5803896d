package org.clinic.testing;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service's row-level security tests (docs/security/tenant-isolation.md): PostgreSQL holds its run-time role to
 * the request's clinic in every clinic table. A subclass (a {@code @QuarkusTest} with {@link PostgresDatabase}) names
 * one probe insert per table ({@link RowLevelSecurityContract}) and a table its role must not bypass.
 */
public abstract class RowLevelSecurityTests {

    /** Table → an insert of one row of clinic {@code %d} (in the order the tables fill). */
    protected abstract Map<String, String> inserts();

    /** A table of the service the run-time role must be held in by its policy, not let past it. */
    protected abstract String ownTable();

    @Test
    public void everyClinicTableIsHeldToTheRequestsClinicByTheDatabase() throws Exception {
        new RowLevelSecurityContract(inserts()).check();
    }

    @Test
    public void theRunTimeRoleIsNotPrivileged() {
        new RowLevelSecurityContract(inserts()).checkRole(ownTable());
    }
}
