package org.clinic.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.clinic.dbroles.DatabaseRoles;

/**
 * Gives each test run a database of its own on the real PostgreSQL (127.0.0.1:5432, user
 * postgres, as on our machines; {@code CLINIC_TEST_PG_*} override), created before Quarkus
 * starts and dropped after, so runs never collide and nothing is mocked.
 *
 * <p>On a machine with no PostgreSQL listening there, an embedded PostgreSQL (zonky; real
 * server binaries) is started once per test JVM instead, so the README's test command works
 * with only a JDK. CI sets {@code CLINIC_TEST_PG_EMBEDDED=never} so that a missing server
 * fails loudly instead.
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String CONFIGURED_HOST = env("CLINIC_TEST_PG_HOST", "127.0.0.1");
    private static final int CONFIGURED_PORT = Integer.parseInt(env("CLINIC_TEST_PG_PORT", "5432"));
    private static final String USER = env("CLINIC_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("CLINIC_TEST_PG_PASSWORD", "");

    /**
     * The roles every test database is provisioned with, as in production: the owner migrates, the service
     * connects as the run-time role, which row-level security holds to one clinic.
     */
    public static final DatabaseRoles.Roles ROLES =
            new DatabaseRoles.Roles("clinic_test_owner", "clinic-test-owner", "clinic_test_app", "clinic-test-app");

    private static String host;
    private static int port;
    private static EmbeddedPostgres embedded;

    private static volatile String current;
    private String name;

    @Override
    public Map<String, String> start() {
        name = createDatabase();
        current = name;
        return Map.of(
                "quarkus.datasource.username",
                ROLES.app(),
                "quarkus.datasource.password",
                ROLES.appPassword(),
                "quarkus.flyway.username",
                ROLES.owner(),
                "quarkus.flyway.password",
                ROLES.ownerPassword(),
                "quarkus.datasource.reactive.url",
                reactiveUrl(name),
                "clinic.database.listen-url",
                reactiveUrl(name),
                "quarkus.datasource.jdbc.url",
                jdbcUrl(name));
    }

    @Override
    public void stop() {
        if (name != null) {
            dropDatabase(name);
        }
    }

    /** Creates a fresh, uniquely named database on the test server and returns its name. */
    public static String createDatabase() {
        locateServer();
        String database = "clinic_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try {
            DatabaseRoles.ensure("jdbc:postgresql://" + host + ":" + port, USER, PASSWORD, database, ROLES, false);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL must be reachable at " + host + ":" + port + " as " + USER
                            + " (an admin that may create roles and databases) for the tests (start it as README.md says): "
                            + e.getMessage(),
                    e);
        }
        return database;
    }

    public static void dropDatabase(String database) {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    public static String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** The test server's host (the machine's PostgreSQL, or the embedded one this run started). */
    public static String host() {
        locateServer();
        return host;
    }

    public static int port() {
        locateServer();
        return port;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    /** The name of this run's database (the one {@link #start()} made last). */
    public static String currentDatabase() {
        if (current == null) {
            throw new IllegalStateException("no test database has been started");
        }
        return current;
    }

    /** A plain JDBC connection to this run's database as the admin (above row-level security), for asserting what was stored. */
    public static Connection connect() throws SQLException {
        if (current == null) {
            throw new IllegalStateException("no test database has been started");
        }
        return DriverManager.getConnection(jdbcUrl(current), USER, PASSWORD);
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL must be reachable at " + host + ":" + port + " as " + USER
                            + " for the tests (start it as README.md says): " + e.getMessage(),
                    e);
        }
    }

    private static synchronized void locateServer() {
        if (host != null) {
            return;
        }
        if (reachable(CONFIGURED_HOST, CONFIGURED_PORT) || "never".equals(System.getenv("CLINIC_TEST_PG_EMBEDDED"))) {
            host = CONFIGURED_HOST;
            port = CONFIGURED_PORT;
            return;
        }
        System.err.println("[tests] no PostgreSQL at " + CONFIGURED_HOST + ":" + CONFIGURED_PORT
                + ": starting an embedded PostgreSQL for this test run");
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL reachable and the embedded one did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException e) {
                // the JVM is exiting; the temporary cluster goes with it
            }
        }));
        host = "127.0.0.1";
        port = embedded.getPort();
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
