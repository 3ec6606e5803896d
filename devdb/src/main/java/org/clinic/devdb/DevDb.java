package org.clinic.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.clinic.dbroles.DatabaseRoles;

/**
 * The launcher's helper (bin/clinic), so a machine with only a JDK can run the suite:
 * <ul>
 * <li>{@code ensure HOST PORT USER DB:OWNER:APP...} provisions the databases and their roles;</li>
 * <li>{@code embedded PORT DATA_DIR DB:OWNER:APP...} runs an embedded PostgreSQL until stopped;</li>
 * <li>{@code keygen FILE} writes an RSA 2048 PKCS#8 PEM signing key unless it exists.</li>
 * </ul>
 */
public final class DevDb {

    private DevDb() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "ensure" -> {
                require(args, 5);
                ensure(
                        args[1],
                        Integer.parseInt(args[2]),
                        args[3],
                        env("PGPASSWORD"),
                        List.of(args).subList(4, args.length));
            }
            case "embedded" -> {
                require(args, 4);
                embedded(
                        Integer.parseInt(args[1]),
                        Path.of(args[2]),
                        List.of(args).subList(3, args.length));
            }
            case "keygen" -> {
                require(args, 2);
                keygen(Path.of(args[1]));
            }
            default -> usage();
        }
    }

    /**
     * Provisions each {@code DATABASE:OWNER_ROLE:APP_ROLE} ({@link DatabaseRoles}), as the admin; role passwords come
     * from {@code CLINIC_DB_OWNER_PASSWORD} and {@code CLINIC_DB_APP_PASSWORD} (the launcher's local ones).
     */
    static void ensure(String host, int port, String user, String password, List<String> databases)
            throws SQLException {
        String base = "jdbc:postgresql://" + host + ":" + port;
        for (String spec : databases) {
            String[] parts = spec.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected DATABASE:OWNER_ROLE:APP_ROLE, got " + spec);
            }
            DatabaseRoles.Roles roles = new DatabaseRoles.Roles(
                    parts[1], env("CLINIC_DB_OWNER_PASSWORD"), parts[2], env("CLINIC_DB_APP_PASSWORD"));
            DatabaseRoles.ensure(base, user, password, parts[0], roles, true);
            System.err.println("devdb: database " + parts[0] + " owned by " + parts[1] + ", run-time role " + parts[2]);
        }
    }

    static void embedded(int port, Path dataDir, List<String> databases) throws Exception {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("devdb: stopping PostgreSQL failed: " + e.getMessage());
            }
            stopped.countDown();
        }));
        ensure("127.0.0.1", port, "postgres", "", databases);
        System.err.println("devdb: embedded PostgreSQL ready on 127.0.0.1:" + port + " (data in " + dataDir + ")");
        stopped.await();
    }

    static void keygen(Path file) throws Exception {
        if (Files.exists(file)) {
            return;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more to restrict
        }
        System.err.println("devdb: wrote a local token signing key to " + file);
    }

    private static void require(String[] args, int count) {
        if (args.length < count) {
            usage();
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    private static void usage() {
        System.err.println(
                "usage: devdb ensure HOST PORT USER DB:OWNER:APP... | embedded PORT DATA_DIR DB:OWNER:APP... | keygen FILE");
        System.exit(2);
    }
}
