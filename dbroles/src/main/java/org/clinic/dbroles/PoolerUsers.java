package org.clinic.dbroles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first step of the chart's bundled PgBouncer (k8s/clinic-platform/templates/pooler.yaml), run from the gateway's
 * image as an init container: writes PgBouncer's {@code auth_file} from the install's secrets, so the passwords live
 * in one Secret only and never in a ConfigMap. PgBouncer needs each run-time role's password itself (not a SCRAM
 * verifier of its own): it checks the services' SCRAM logins with it and logs in to PostgreSQL with it.
 *
 * <pre>
 * java -cp '/deployments/lib/main/*' org.clinic.dbroles.PoolerUsers FILE
 *   POOLER_USER_&lt;NAME&gt;, POOLER_PASSWORD_&lt;NAME&gt;   one pair per role, e.g. POOLER_USER_GATEWAY
 * </pre>
 *
 * The file is written only by its owner's uid and readable by nobody else (0600). Nothing is printed but names.
 */
public final class PoolerUsers {

    private static final String USER = "POOLER_USER_";
    private static final String PASSWORD = "POOLER_PASSWORD_";

    private PoolerUsers() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("pooler-users: usage: PoolerUsers FILE");
            System.exit(2);
        }
        try {
            Map<String, String> users = users(System.getenv());
            write(Path.of(args[0]), users);
            System.err.println(
                    "pooler-users: " + users.size() + " roles written: " + String.join(", ", users.keySet()));
        } catch (IllegalArgumentException e) {
            System.err.println("pooler-users: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("pooler-users: cannot write " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Role name → password, from the POOLER_USER_/POOLER_PASSWORD_ pairs; refuses a half pair or an empty one. */
    public static Map<String, String> users(Map<String, String> env) {
        Map<String, String> users = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(PASSWORD) && !env.containsKey(USER + name.substring(PASSWORD.length()))) {
                throw new IllegalArgumentException(name + " has no " + USER + name.substring(PASSWORD.length()));
            }
            if (!name.startsWith(USER)) {
                continue;
            }
            String role = entry.getValue();
            String passwordName = PASSWORD + name.substring(USER.length());
            String password = env.get(passwordName);
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException(name + " is empty");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException(passwordName + " is not set (for " + role + ")");
            }
            if (users.put(role, password) != null) {
                throw new IllegalArgumentException("role " + role + " is given twice");
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no " + USER + "<NAME> is set");
        }
        return users;
    }

    /** PgBouncer's auth_file: {@code "role" "password"} a line, a double quote inside either doubled. */
    public static String render(Map<String, String> users) {
        StringBuilder file = new StringBuilder();
        users.forEach((role, password) ->
                file.append(quoted(role)).append(' ').append(quoted(password)).append('\n'));
        return file.toString();
    }

    private static String quoted(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a role name or password holds a line break");
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static void write(Path file, Map<String, String> users) throws IOException {
        String content = render(users);
        Path temp = Files.createTempFile(
                file.toAbsolutePath().getParent(),
                ".userlist",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, content, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(
                temp,
                file,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
