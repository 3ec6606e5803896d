package org.clinic.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a module of this build, as built ({@code <module>/target/quarkus-app}), as a real process
 * with a database of its own, verifying tokens with the test key. Tests of a service use it (via
 * {@link ServiceProcess}) for the services it calls; the end-to-end tests use it for all of them.
 */
public final class ServiceRunner {

    private final String module;
    private final int port;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;
    private String database;
    private boolean ownsDatabase = true;
    /** Another PostgreSQL server than the run's (host:port, admin postgres without a password), or null. */
    private String server;

    public ServiceRunner(String module, int port) {
        this.module = module;
        this.port = port;
    }

    public ServiceRunner(String module) {
        this(module, freePort());
    }

    public ServiceRunner env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    private PgBouncer pooler;

    /**
     * Reaches its database through {@code pooler} in transaction mode, as an install with a pooler does (issue 29):
     * {@code DB_REACTIVE_URL} names the pooler with {@code DB_TRANSACTION_POOLER=true}; migrations and doctors-service's
     * {@code LISTEN} ({@code DB_JDBC_URL}, {@code DB_LISTEN_URL}) go to PostgreSQL itself.
     */
    public ServiceRunner through(PgBouncer pooler) {
        this.pooler = pooler;
        return this;
    }

    /** Runs on another runner's database (a second replica of the same service); never drops it. */
    public ServiceRunner sharingDatabaseOf(ServiceRunner other) {
        if (other.database == null) {
            throw new IllegalStateException(other.module + " has not been started");
        }
        this.database = other.database;
        this.ownsDatabase = false;
        return this;
    }

    /**
     * Runs on a database of its own on another PostgreSQL server than the run's (one a test starts, stops and
     * restarts itself), made there with the production roles; the server's owner removes it with the server.
     */
    public ServiceRunner onServer(String host, int port) {
        this.server = host + ":" + port;
        return this;
    }

    /** The name of this process's database. */
    public String database() {
        return database;
    }

    /** A JDBC connection to this process's database, for asserting what it stored. */
    public java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(
                PostgresDatabase.jdbcUrl(database), PostgresDatabase.user(), PostgresDatabase.password());
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The build's {@code target/} of the module running the tests (for logs and key files). */
    public static Path target() {
        return Path.of(System.getProperty("user.dir")).resolve("target");
    }

    public ServiceRunner start() {
        Path log = log();
        try {
            if (database == null && server != null) {
                database = module.replace("-service", "").replace('-', '_') + "_" + port;
                org.clinic.dbroles.DatabaseRoles.ensure(
                        "jdbc:postgresql://" + server, "postgres", "", database, PostgresDatabase.ROLES, false);
                ownsDatabase = false;
            } else if (database == null) {
                database = PostgresDatabase.createDatabase();
            }
            process = launch(log);
            try {
                awaitReady(Duration.ofSeconds(90), log);
            } catch (RuntimeException notReady) {
                stop(); // never leave a process behind that nobody will stop
                throw notReady;
            }
            return this;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("could not start " + module, e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not make " + module + "'s database on " + server, e);
        }
    }

    /** This process's output (one file per module and port: several runners of a module never share one). */
    public Path log() {
        return target().resolve(module + "-" + port + "-process.log");
    }

    /** What a process that refused to start printed, and its exit code. */
    public record Refusal(int exitCode, String output) {}

    /**
     * Starts the process with this runner's environment on a database that does not exist, expecting it to refuse
     * to start (a bad setting is found before any connection is made); fails if it is still running after a minute.
     */
    public Refusal startExpectingRefusal() {
        Path log = target().resolve(module + "-refused-" + port + ".log");
        database = "absent_" + port;
        ownsDatabase = false;
        try {
            Process refused = launch(log);
            if (!refused.waitFor(60, TimeUnit.SECONDS)) {
                refused.destroyForcibly();
                throw new IllegalStateException(module + " did not refuse to start: see " + log);
            }
            return new Refusal(refused.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            database = null;
        }
    }

    /**
     * Sends SIGTERM, as Kubernetes does to stop a pod, and waits for the process to exit: its exit code. The
     * database is kept (a later {@link #start()} runs on it again).
     */
    public int terminate(Duration timeout) {
        if (process == null) {
            throw new IllegalStateException(module + " is not running");
        }
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(module + " did not exit within " + timeout + " of SIGTERM");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process = null;
        }
    }

    private Process launch(Path log) throws IOException {
        Path jar = Path.of(System.getProperty("user.dir"))
                .resolveSibling(module)
                .resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not built at " + jar
                    + ": run the whole build (./mvnw verify builds it before the modules that run it)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java, "-XX:+UseSerialGC", "-Xmx256m", "-Djava.io.tmpdir=" + target(), "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("DB_USER", PostgresDatabase.ROLES.app());
        env.put("DB_PASSWORD", PostgresDatabase.ROLES.appPassword());
        env.put("DB_MIGRATION_USER", PostgresDatabase.ROLES.owner());
        env.put("DB_MIGRATION_PASSWORD", PostgresDatabase.ROLES.ownerPassword());
        env.put(
                "DB_REACTIVE_URL",
                server != null ? "postgresql://" + server + "/" + database : PostgresDatabase.reactiveUrl(database));
        env.put(
                "DB_JDBC_URL",
                server != null ? "jdbc:postgresql://" + server + "/" + database : PostgresDatabase.jdbcUrl(database));
        if (pooler != null) {
            env.put("DB_LISTEN_URL", env.get("DB_REACTIVE_URL"));
            env.put("DB_REACTIVE_URL", pooler.reactiveUrl(database));
            env.put("DB_TRANSACTION_POOLER", "true");
        }
        env.put("CLINIC_JWT_PUBLIC_KEYS", "file:" + keyFile("testing/test-public.pem"));
        env.put("CLINIC_PHI_KEY", "dGVzdC1vbmx5LXBoaS1rZXktMzItYnl0ZXMtbG9uZyE=");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // tests stop processes often: no pause for a load balancer, unless a test sets one (GracefulShutdownTest)
        env.put("SHUTDOWN_DELAY", "0s");
        env.putAll(environment);
        return builder.start();
    }

    /** Kills the process at once (no clean shutdown), keeping its database for a {@link #start()} again. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
        if (database != null && ownsDatabase) {
            PostgresDatabase.dropDatabase(database);
        }
        database = null;
    }

    /** Copies a test-support resource (a key) to a file another process can read. */
    public static Path keyFile(String resource) {
        Path file = target().resolve(resource.replace('/', '-'));
        try (InputStream in = ServiceRunner.class.getClassLoader().getResourceAsStream(resource)) {
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toAbsolutePath();
    }

    /** Ports this JVM has handed out: two runners never get the same one. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free port outside the ephemeral range (Linux: 32768–60999), for a server that binds it later or binds it
     * again after a restart: no outgoing connection of the machine can take it meanwhile (an ephemeral port, as a
     * {@code new ServerSocket(0)} gives, can be taken by any connection the moment it is closed).
     */
    public static int freePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port in 20000-31999");
    }

    private void awaitReady(Duration timeout, Path log) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited: see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(module + " did not become ready: see " + log);
    }

    /** The environment that makes a gateway sign with the test key and create the test superuser. */
    public static ServiceRunner gateway(int port) {
        return new ServiceRunner("gateway", port)
                .env(
                        "CLINIC_JWT_PRIVATE_KEY_LOCATION",
                        keyFile("testing/test-private.pem").toString())
                .env("CLINIC_SUPERUSER_USERNAME", GatewayProcess.SUPERUSER)
                .env("CLINIC_SUPERUSER_PASSWORD", GatewayProcess.SUPERUSER_PASSWORD)
                .env("CLINIC_PASSWORDS_BCRYPT_COST", "4")
                // tests log in far more often than people; the rate-limit tests set their own limits
                .env("RATE_LIMIT_ANONYMOUS_PER_HOUR", "1000000")
                .env("RATE_LIMIT_USER_PER_HOUR", "1000000")
                .env("RATE_LIMIT_CLINIC_PER_HOUR", "1000000");
    }
}
