package org.clinic.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real PgBouncer (Debian's package, {@code /usr/sbin/pgbouncer}) in transaction mode in front of the test
 * PostgreSQL, as an install puts one in front of its database (issue 29): every database of the server, the test
 * roles, and at most {@code serverConnections} server connections per database and role, fewer than the clients
 * open. PgBouncer refuses to run as root; as root it is started as the {@code postgres} user.
 */
public final class PgBouncer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

    private final Process process;
    private final int port;
    private final Path dir;

    private PgBouncer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts one, listening on a free port of 127.0.0.1, and waits until it accepts connections. */
    public static PgBouncer start(int serverConnections) {
        return start(serverConnections, 0);
    }

    /**
     * As {@link #start(int)}, with a client waiting for a server connection refused after {@code queryWaitSeconds}
     * ({@code query_wait_timeout}; 0: PgBouncer's default, 120 s).
     */
    public static PgBouncer start(int serverConnections, int queryWaitSeconds) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's pgbouncer (README.md, .ci/run)");
        }
        int port = ServiceRunner.freePort();
        try {
            Path dir = Files.createTempDirectory("pgbouncer-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path users = dir.resolve("users.txt");
            // trust: PgBouncer checks no password (the test server trusts 127.0.0.1 too); the roles must be listed
            Files.writeString(
                    users, "\"" + PostgresDatabase.ROLES.app() + "\" \"\"\n\"" + PostgresDatabase.user() + "\" \"\"\n");
            Path ini = dir.resolve("pgbouncer.ini");
            Files.writeString(
                    ini,
                    String.join(
                            "\n",
                            "[databases]",
                            "* = host=" + PostgresDatabase.host() + " port=" + PostgresDatabase.port(),
                            "[pgbouncer]",
                            "listen_addr = 127.0.0.1",
                            "listen_port = " + port,
                            "unix_socket_dir =",
                            "auth_type = trust",
                            "auth_file = " + users,
                            "admin_users = " + PostgresDatabase.user(),
                            "pool_mode = transaction",
                            "default_pool_size = " + serverConnections,
                            "max_db_connections = " + serverConnections,
                            "max_client_conn = 1000",
                            queryWaitSeconds > 0 ? "query_wait_timeout = " + queryWaitSeconds : "",
                            // each new transaction takes the next server connection: a probe sees all of them
                            "server_round_robin = 1",
                            "ignore_startup_parameters = extra_float_digits,options",
                            "logfile = " + dir.resolve("pgbouncer.log"),
                            ""));
            for (Path file : List.of(users, ini)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            }
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.add(BINARY.toString());
            command.add(ini.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
            PgBouncer bouncer = new PgBouncer(process, port, dir);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new IllegalStateException("could not start PgBouncer: " + e.getMessage(), e);
        }
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "PgBouncer exited: " + Files.readString(dir.resolve("stdout.log")) + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("PgBouncer did not listen within 10 s: " + log());
    }

    public int port() {
        return port;
    }

    /** {@code DB_REACTIVE_URL} of a database through this pooler. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * The largest number of server connections PgBouncer has held at once for {@code database} so far is not kept by
     * PgBouncer; this is how many it holds now ({@code SHOW POOLS}: active plus idle plus used).
     */
    public int serverConnections(String database) throws IOException, InterruptedException {
        int servers = 0;
        for (Map<String, String> pool : show("POOLS")) {
            if (pool.get("database").equals(database)) {
                servers += Integer.parseInt(pool.get("sv_active"))
                        + Integer.parseInt(pool.get("sv_idle"))
                        + Integer.parseInt(pool.get("sv_used"));
            }
        }
        return servers;
    }

    /** The PostgreSQL backend pids of the server connections PgBouncer holds now ({@code SHOW SERVERS}, remote_pid). */
    public Set<Integer> serverBackendPids() throws IOException, InterruptedException {
        Set<Integer> pids = new HashSet<>();
        for (Map<String, String> server : show("SERVERS")) {
            pids.add(Integer.parseInt(server.get("remote_pid")));
        }
        return pids;
    }

    /** One of the admin console's SHOW commands, a map of column to value a row. */
    private List<Map<String, String>> show(String what) throws IOException, InterruptedException {
        // psql, not JDBC: the driver would send SETs the admin console refuses (it reports no PostgreSQL version)
        Process show = new ProcessBuilder(
                        "psql",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(port),
                        "-U",
                        PostgresDatabase.user(),
                        "-A",
                        "-P",
                        "footer=off",
                        "-F",
                        "\t",
                        "-c",
                        "SHOW " + what,
                        "pgbouncer")
                .redirectErrorStream(true)
                .start();
        String out = new String(show.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (show.waitFor() != 0) {
            throw new IllegalStateException("SHOW " + what + " failed: " + out);
        }
        String[] lines = out.split("\n");
        String[] columns = lines[0].split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] values = lines[i].split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < columns.length && c < values.length; c++) {
                row.put(columns[c], values[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * What the pooled server connections of {@code database} (for the run-time role) carry from one transaction to the
     * next: named prepared statements, settings made for the session, LISTENs, advisory locks, a temporary schema. In
     * transaction mode any of these reaches the next client of that server connection, so there must be none. Probes
     * {@code probes} transactions, which visit the server connections in turn; one line per finding.
     */
    public List<String> sessionState(String database, int probes) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection client = DriverManager.getConnection(
                        reactiveUrlAsJdbc(database) + "?preferQueryMode=simple&assumeMinServerVersion=12",
                        PostgresDatabase.ROLES.app(),
                        PostgresDatabase.ROLES.appPassword());
                Statement probe = client.createStatement()) {
            for (int i = 0; i < probes; i++) {
                try (ResultSet row = probe.executeQuery("select pg_backend_pid(),"
                        + " (select string_agg(name, ',') from pg_prepared_statements),"
                        // transaction_isolation: PostgreSQL marks it 'session' once any transaction on the connection
                        // ran SET TRANSACTION ISOLATION LEVEL (an export's snapshot), though every transaction starts
                        // from default_transaction_isolation again; it is checked below as its value instead
                        + " (select string_agg(name, ',') from pg_settings where source = 'session' and name not in"
                        + " ('client_encoding', 'DateStyle', 'TimeZone', 'application_name',"
                        + " 'standard_conforming_strings', 'IntervalStyle', 'extra_float_digits',"
                        + " 'transaction_isolation')"
                        + " or name = 'transaction_isolation' and setting <> current_setting('default_transaction_isolation')),"
                        + " (select string_agg(c, ',') from pg_listening_channels() c),"
                        + " (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()),"
                        + " pg_my_temp_schema() <> 0")) {
                    row.next();
                    String server = "server " + row.getInt(1) + ": ";
                    if (row.getString(2) != null) {
                        found.add(server + "prepared statements " + row.getString(2));
                    }
                    if (row.getString(3) != null) {
                        found.add(server + "session settings " + row.getString(3));
                    }
                    if (row.getString(4) != null) {
                        found.add(server + "listening on " + row.getString(4));
                    }
                    if (row.getLong(5) > 0) {
                        found.add(server + row.getLong(5) + " advisory locks");
                    }
                    if (row.getBoolean(6)) {
                        found.add(server + "a temporary schema");
                    }
                }
            }
        }
        return found.stream().distinct().toList();
    }

    private String reactiveUrlAsJdbc(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** PgBouncer's own log (errors a test may want to show). */
    public String log() {
        try {
            Path log = dir.resolve("pgbouncer.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
