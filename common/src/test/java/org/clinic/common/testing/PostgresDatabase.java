package org.clinic.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test run a database of its own on the real PostgreSQL (127.0.0.1:5432, user
 * postgres, as on our machines; {@code CLINIC_TEST_PG_*} override), created before Quarkus
 * starts and dropped after, so runs never collide and nothing is mocked.
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String HOST = env("CLINIC_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("CLINIC_TEST_PG_PORT", "5432");
    private static final String USER = env("CLINIC_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("CLINIC_TEST_PG_PASSWORD", "");

    private static volatile String current;
    private String name;

    @Override
    public Map<String, String> start() {
        name = "clinic_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        current = name;
        return Map.of(
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD,
                "quarkus.datasource.reactive.url", "postgresql://" + HOST + ":" + PORT + "/" + name,
                "quarkus.datasource.jdbc.url", jdbcUrl(name));
    }

    @Override
    public void stop() {
        if (name != null) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** A plain JDBC connection to this run's database, for asserting what was stored. */
    public static Connection connect() throws SQLException {
        if (current == null) {
            throw new IllegalStateException("no test database has been started");
        }
        return DriverManager.getConnection(jdbcUrl(current), USER, PASSWORD);
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must be reachable at " + HOST + ":" + PORT
                    + " as " + USER + " for the tests (start it as README.md says): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
