package org.clinic.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs another module of this build, as built ({@code <module>/target/quarkus-app}), in its own
 * process with a database of its own, for the tests of a service that calls it over HTTP.
 * Nothing is mocked: the other side is the real service. It verifies tokens with the test key,
 * so {@link TestTokens} and the {@link GatewayProcess}'s tokens both work against it.
 */
public abstract class ServiceProcess implements QuarkusTestResourceLifecycleManager {

    private Process process;
    private String database;
    private String url;

    /** The sibling module to run, e.g. {@code patients-service}. */
    protected abstract String module();

    /** Extra environment for the process (its DB, port and keys are set already). */
    protected Map<String, String> environment(Path target) {
        return Map.of();
    }

    /** The configuration the service under test gets, given the running process's base URL. */
    protected abstract Map<String, String> clientConfig(String url);

    protected abstract void publish(String url);

    @Override
    public Map<String, String> start() {
        Path moduleDir = Path.of(System.getProperty("user.dir"));
        Path jar = moduleDir.resolveSibling(module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module() + " is not built at " + jar
                    + ": run the whole build (./mvnw verify builds it before the services that call it)");
        }
        Path target = moduleDir.resolve("target");
        Path log = target.resolve(module() + "-process.log");
        try {
            database = PostgresDatabase.createDatabase();
            int port = freePort();
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            java, "-XX:+UseSerialGC", "-Xmx256m", "-Djava.io.tmpdir=" + target, "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("DB_USER", PostgresDatabase.user());
            env.put("DB_PASSWORD", PostgresDatabase.password());
            env.put("DB_REACTIVE_URL", PostgresDatabase.reactiveUrl(database));
            env.put("DB_JDBC_URL", PostgresDatabase.jdbcUrl(database));
            env.put("CLINIC_JWT_PUBLIC_KEYS", "file:" + copyResource("testing/test-public.pem", target));
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            env.putAll(environment(target));
            process = builder.start();
            url = "http://127.0.0.1:" + port;
            awaitReady(Duration.ofSeconds(90), log);
            publish(url);
            return clientConfig(url);
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("could not start " + module(), e);
        }
    }

    @Override
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
        }
        if (database != null) {
            PostgresDatabase.dropDatabase(database);
        }
        publish(null);
    }

    /** Copies a test-support resource (a key) to a file the other process can read. */
    protected static Path copyResource(String resource, Path target) throws IOException {
        Path file = target.resolve(resource.replace('/', '-'));
        try (InputStream in = ServiceProcess.class.getClassLoader().getResourceAsStream(resource)) {
            Files.write(file, in.readAllBytes());
        }
        return file.toAbsolutePath();
    }

    private void awaitReady(Duration timeout, Path log) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module() + " exited: see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
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
        throw new IllegalStateException(module() + " did not become ready: see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
