-- Flyway runs this after every migrate (even when nothing was pending), as the owner role that
-- migrates: it (re)grants the service's run-time role exactly what it needs, so a new table or a
-- renamed role is covered without a migration of its own. The run-time role owns nothing, has
-- no DDL, no BYPASSRLS, and never touches Flyway's history (docs/security/tenant-isolation.md).
DO $grants$
DECLARE
    app text := '${app_role}';
BEGIN
    IF app = current_user THEN
        RAISE EXCEPTION 'the run-time role (%) must not be the role that migrates: configure DB_USER and DB_MIGRATION_USER apart', app;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
    EXECUTE format('REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM %I', app);
    -- audit events are written and read, never changed (the append-only trigger is the second lock)
    EXECUTE format('REVOKE UPDATE, DELETE ON audit_event FROM %I', app);
    EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', app);
END
$grants$;
