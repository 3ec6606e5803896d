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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real gateway, as built by this reactor ({@code gateway/target/quarkus-app}), in its
 * own process with a database of its own, for the tests of a service that calls it. It signs
 * with the test key, so tokens it issues and {@link TestTokens} verify alike. The services'
 * tests therefore talk HTTP to the real gateway: nothing is mocked.
 */
public class GatewayProcess implements QuarkusTestResourceLifecycleManager {

    public static final String SUPERUSER = "root-operator";
    public static final String SUPERUSER_PASSWORD = "Operator-Pass-2026";

    private static volatile String url;
    private Process process;
    private String database;

    /** The running gateway's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public static String url() {
        if (url == null) {
            throw new IllegalStateException("the gateway process has not been started");
        }
        return url;
    }

    @Override
    public Map<String, String> start() {
        Path moduleDir = Path.of(System.getProperty("user.dir"));
        Path jar = moduleDir.resolveSibling("gateway").resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the gateway is not built at " + jar
                    + ": run the whole build (./mvnw verify builds it before the services)");
        }
        try {
            database = PostgresDatabase.createDatabase();
            int port = freePort();
            Path target = moduleDir.resolve("target");
            Path key = target.resolve("gateway-test-key.pem");
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("testing/test-private.pem")) {
                Files.write(key, in.readAllBytes());
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(
                    java, "-XX:+UseSerialGC", "-Xmx256m", "-Djava.io.tmpdir=" + target, "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(target.resolve("gateway-process.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("DB_USER", PostgresDatabase.user());
            env.put("DB_PASSWORD", PostgresDatabase.password());
            env.put("DB_REACTIVE_URL", PostgresDatabase.reactiveUrl(database));
            env.put("DB_JDBC_URL", PostgresDatabase.jdbcUrl(database));
            env.put("CLINIC_JWT_PRIVATE_KEY_LOCATION", key.toString());
            env.put("CLINIC_SUPERUSER_USERNAME", SUPERUSER);
            env.put("CLINIC_SUPERUSER_PASSWORD", SUPERUSER_PASSWORD);
            env.put("CLINIC_PASSWORDS_BCRYPT_COST", "4");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            process = builder.start();
            url = "http://127.0.0.1:" + port;
            awaitReady(Duration.ofSeconds(90));
            return Map.of("quarkus.rest-client.gateway.url", url);
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("could not start the gateway process", e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
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
        url = null;
    }

    private void awaitReady(Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway process exited: see target/gateway-process.log");
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
        throw new IllegalStateException("the gateway did not become ready: see target/gateway-process.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
