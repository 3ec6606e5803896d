package org.clinic.dbroles;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Provisions one service database the way row-level security needs it (docs/security/tenant-isolation.md),
 * idempotently, as the PostgreSQL admin: an <em>owner</em> role that owns the database and runs the
 * migrations, and a <em>run-time</em> role the service connects as, which owns nothing and gets its
 * table grants from the migrations' {@code afterMigrate} callback. Neither role is a superuser, may
 * create roles or databases, or bypasses row-level security.
 *
 * <p>Used by the launcher ({@code devdb ensure}), by the tests ({@code PostgresDatabase}) and
 * by the Helm chart's migration Job ({@link Provision}).
 */
public final class DatabaseRoles {

    /** The two roles of one database. Passwords may be empty where the server trusts local connections. */
    public record Roles(String owner, String ownerPassword, String app, String appPassword) {
        public Roles {
            requirePlainName(owner);
            requirePlainName(app);
            if (owner.equals(app)) {
                throw new IllegalArgumentException("the run-time role must not be the owner role: " + app);
            }
        }
    }

    private DatabaseRoles() {}

    /** {@code jdbc:postgresql://host:port} plus the database, keeping any {@code ?sslmode=...} at the end. */
    static String url(String jdbcBase, String database) {
        int query = jdbcBase.indexOf('?');
        return query < 0
                ? jdbcBase + "/" + database
                : jdbcBase.substring(0, query) + "/" + database + jdbcBase.substring(query);
    }

    /**
     * Creates what is missing and corrects what is wrong: both roles, the database owned by the owner role,
     * CONNECT for the run-time role only, no CREATE in {@code public} for anyone else, and objects an earlier
     * version created as the admin handed to the owner role. {@code resetPasswords} also sets the passwords of
     * roles that already exist (the launcher does; concurrent test runs do not, to avoid racing updates).
     */
    public static void ensure(
            String jdbcBase,
            String adminUser,
            String adminPassword,
            String database,
            Roles roles,
            boolean resetPasswords)
            throws SQLException {
        requirePlainName(database);
        try (Connection admin = DriverManager.getConnection(url(jdbcBase, "postgres"), adminUser, adminPassword)) {
            ensureRole(admin, roles.owner(), roles.ownerPassword(), resetPasswords);
            ensureRole(admin, roles.app(), roles.appPassword(), resetPasswords);
            String currentOwner = databaseOwner(admin, database);
            if (currentOwner == null) {
                execute(admin, "CREATE DATABASE " + database + " OWNER " + roles.owner());
            } else if (!currentOwner.equals(roles.owner())) {
                execute(admin, "ALTER DATABASE " + database + " OWNER TO " + roles.owner());
            }
            execute(admin, "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            execute(admin, "GRANT CONNECT ON DATABASE " + database + " TO " + roles.app());
        }
        try (Connection admin = DriverManager.getConnection(url(jdbcBase, database), adminUser, adminPassword)) {
            execute(admin, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            execute(admin, "GRANT USAGE, CREATE ON SCHEMA public TO " + roles.owner());
            adoptObjects(admin, roles.owner());
        }
    }

    /** Creates a login role without any special attribute, or takes such attributes away from an existing one. */
    static void ensureRole(Connection admin, String role, String password, boolean resetPassword) throws SQLException {
        requirePlainName(role);
        String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";
        String passwordClause = password == null || password.isEmpty() ? "" : " PASSWORD " + literal(password);
        if (!roleExists(admin, role)) {
            try {
                execute(admin, "CREATE ROLE " + role + attributes + passwordClause);
                return;
            } catch (SQLException e) {
                // another run created it in the meantime (duplicate_object, or the catalog's unique index)
                if (!"42710".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        if (hasSpecialAttributes(admin, role)) {
            execute(admin, "ALTER ROLE " + role + attributes);
        }
        if (resetPassword && !passwordClause.isEmpty()) {
            execute(admin, "ALTER ROLE " + role + passwordClause);
        }
    }

    /**
     * Tables, sequences and functions in {@code public} that another role (the admin, before roles were
     * split) created become the owner role's, so its later migrations can alter them.
     */
    private static void adoptObjects(Connection admin, String owner) throws SQLException {
        execute(admin, """
                DO $adopt$
                DECLARE r record;
                BEGIN
                    FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
                             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
                               AND c.relowner <> '%1$s'::regrole LOOP
                        EXECUTE format('ALTER TABLE %%s OWNER TO %%I', r.name, '%1$s');
                    END LOOP;
                    FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
                             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
                               AND c.relowner <> '%1$s'::regrole
                               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
                        EXECUTE format('ALTER SEQUENCE %%s OWNER TO %%I', r.name, '%1$s');
                    END LOOP;
                    FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                             WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '%1$s'::regrole
                               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
                        EXECUTE format('ALTER FUNCTION %%s OWNER TO %%I', r.name, '%1$s');
                    END LOOP;
                END
                $adopt$""".formatted(owner));
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            s.setString(1, role);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean hasSpecialAttributes(Connection c, String role) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("select rolsuper or rolcreatedb or rolcreaterole or rolreplication"
                        + " or rolbypassrls or not rolcanlogin from pg_roles where rolname = ?")) {
            s.setString(1, role);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String databaseOwner(Connection c, String database) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("select pg_get_userbyid(datdba) from pg_database where datname = ?")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static void requirePlainName(String name) {
        if (name == null || !name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain PostgreSQL name (lower-case letters, digits, _): " + name);
        }
    }
}
