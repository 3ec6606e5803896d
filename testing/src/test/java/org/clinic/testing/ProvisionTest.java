package org.clinic.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.clinic.dbroles.Provision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Helm migration Job's first step (dbroles Provision), against the real test server. */
class ProvisionTest {

    private final String database = "clinic_provision_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", PostgresDatabase.host());
        env.put("DB_PORT", String.valueOf(PostgresDatabase.port()));
        env.put("DB_SSLMODE", "disable");
        env.put("DB_NAME", database);
        env.put("DB_ADMIN_USER", PostgresDatabase.user());
        env.put("DB_ADMIN_PASSWORD", PostgresDatabase.password());
        env.put("DB_MIGRATION_USER", "clinic_provision_owner");
        env.put("DB_MIGRATION_PASSWORD", "provision-owner-pw");
        env.put("DB_USER", "clinic_provision_app");
        env.put("DB_PASSWORD", "provision-app-pw");
        return env;
    }

    @AfterEach
    void drop() {
        PostgresDatabase.dropDatabase(database);
    }

    @Test
    void createsTheDatabaseOwnedByTheOwnerRoleAndIsIdempotent() throws SQLException {
        Provision.run(env());
        Provision.run(env());
        try (Connection c = DriverManager.getConnection(
                        PostgresDatabase.jdbcUrl("postgres"), PostgresDatabase.user(), PostgresDatabase.password());
                Statement s = c.createStatement()) {
            ResultSet owner = s.executeQuery(
                    "select pg_get_userbyid(datdba) from pg_database where datname = '" + database + "'");
            assertTrue(owner.next(), "database created");
            assertEquals("clinic_provision_owner", owner.getString(1));
            ResultSet app = s.executeQuery("select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,"
                    + " has_database_privilege('clinic_provision_app', '" + database + "', 'CONNECT'),"
                    + " rolpassword is not null from pg_authid where rolname = 'clinic_provision_app'");
            assertTrue(app.next());
            assertEquals(
                    "f f f f t t",
                    app.getString(1) + " " + app.getString(2) + " " + app.getString(3) + " " + app.getString(4) + " "
                            + app.getString(5) + " " + app.getString(6));
        }
    }

    @Test
    void refusesAMissingOrMalformedSettingByName() {
        Map<String, String> noName = env();
        noName.remove("DB_NAME");
        assertEquals(
                "DB_NAME is not set",
                assertThrows(IllegalArgumentException.class, () -> Provision.run(noName))
                        .getMessage());
        Map<String, String> badPort = env();
        badPort.put("DB_PORT", "5432; drop");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Provision.run(badPort))
                .getMessage()
                .startsWith("DB_PORT"));
        Map<String, String> sameRole = env();
        sameRole.put("DB_USER", "clinic_provision_owner");
        assertThrows(IllegalArgumentException.class, () -> Provision.run(sameRole));
        Map<String, String> badName = env();
        badName.put("DB_NAME", "clinic; drop database postgres");
        assertThrows(IllegalArgumentException.class, () -> Provision.run(badName));
    }
}
