package org.clinic.dbroles;

import java.util.Map;

/**
 * The first step of the Helm chart's migration Job (k8s/clinic-platform/templates/migrate-job.yaml), run from a
 * service's own image before its migrations: creates or corrects that service's database and its two roles
 * ({@link DatabaseRoles}) and sets the roles' passwords from the install's secrets, so a password rotated in the
 * secret takes effect at the next upgrade. Everything comes from the environment; nothing is printed but names.
 *
 * <pre>
 * java -cp '/deployments/lib/main/*' org.clinic.dbroles.Provision
 *   DB_HOST, DB_PORT (5432), DB_SSLMODE (prefer), DB_NAME
 *   DB_ADMIN_USER, DB_ADMIN_PASSWORD         an admin that may create roles and databases
 *   DB_MIGRATION_USER, DB_MIGRATION_PASSWORD the owner role (migrates)
 *   DB_USER, DB_PASSWORD                     the run-time role (the service)
 * </pre>
 */
public final class Provision {

    private Provision() {}

    public static void main(String[] args) {
        try {
            run(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("provision: " + e.getMessage());
            System.exit(2);
        } catch (java.sql.SQLException e) {
            // the server's message and state only: no URL, no password
            System.err.println("provision: " + e.getSQLState() + " " + e.getMessage());
            System.exit(1);
        }
    }

    public static void run(Map<String, String> env) throws java.sql.SQLException {
        String host = required(env, "DB_HOST");
        String port = env.getOrDefault("DB_PORT", "5432");
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("DB_PORT is not a port: " + port);
        }
        String sslmode = env.getOrDefault("DB_SSLMODE", "prefer");
        String database = required(env, "DB_NAME");
        DatabaseRoles.Roles roles = new DatabaseRoles.Roles(
                required(env, "DB_MIGRATION_USER"),
                required(env, "DB_MIGRATION_PASSWORD"),
                required(env, "DB_USER"),
                required(env, "DB_PASSWORD"));
        String base = "jdbc:postgresql://" + host + ":" + port + "?sslmode=" + sslmode;
        DatabaseRoles.ensure(
                base, required(env, "DB_ADMIN_USER"), env.getOrDefault("DB_ADMIN_PASSWORD", ""), database, roles, true);
        System.err.println("provision: database " + database + " owned by " + roles.owner() + ", run-time role "
                + roles.app() + " (passwords set from the secret)");
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }
}
