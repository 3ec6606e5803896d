package org.clinic.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher's helper (bin/clinic), so a machine with only a JDK can run the suite:
 * <ul>
 * <li>{@code ensure HOST PORT USER DB...} creates the databases that are missing;</li>
 * <li>{@code embedded PORT DATA_DIR DB...} runs an embedded PostgreSQL until stopped;</li>
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

    static void ensure(String host, int port, String user, String password, List<String> databases)
            throws SQLException {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            for (String db : databases) {
                if (!db.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + db);
                }
                try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, db);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (!rs.next()) {
                            c.createStatement().execute("CREATE DATABASE " + db);
                            System.err.println("devdb: created database " + db);
                        }
                    }
                }
            }
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
        System.err.println("usage: devdb ensure HOST PORT USER DB... | embedded PORT DATA_DIR DB... | keygen FILE");
        System.exit(2);
    }
}
