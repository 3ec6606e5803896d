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

-- The purge of expired idempotency keys (V0_4): its function runs as this owner role, which sees exactly the expired
-- rows of every clinic (a policy of its own beside clinic_isolation; FORCEd row-level security applies to the owner
-- too), and the run-time role may call it. Kept here so a renamed owner role is covered on the next migrate.
DO $purge$
DECLARE
    app text := '${app_role}';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_policies
                    WHERE schemaname = 'public' AND tablename = 'idempotency_key' AND policyname = 'purge_expired'
                      AND roles = ARRAY[current_user]::name[]) THEN
        DROP POLICY IF EXISTS purge_expired ON idempotency_key;
        EXECUTE format('CREATE POLICY purge_expired ON idempotency_key FOR ALL TO %I'
                       ' USING (created_at < now() - interval ''24 hours'')', current_user);
    END IF;
    EXECUTE format('GRANT EXECUTE ON FUNCTION purge_expired_idempotency_keys(integer) TO %I', app);
END
$purge$;

-- The purge of expired export files (V0_6), as for idempotency keys above: the owner sees expired files only, and
-- the chunks of an expired file only.
DO $exports$
DECLARE
    app text := '${app_role}';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_policies
                    WHERE schemaname = 'public' AND tablename = 'export_file' AND policyname = 'purge_expired'
                      AND roles = ARRAY[current_user]::name[]) THEN
        DROP POLICY IF EXISTS purge_expired ON export_file;
        EXECUTE format('CREATE POLICY purge_expired ON export_file FOR ALL TO %I USING (keep_until < now())',
                       current_user);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies
                    WHERE schemaname = 'public' AND tablename = 'export_chunk' AND policyname = 'purge_expired'
                      AND roles = ARRAY[current_user]::name[]) THEN
        DROP POLICY IF EXISTS purge_expired ON export_chunk;
        EXECUTE format('CREATE POLICY purge_expired ON export_chunk FOR ALL TO %I USING (EXISTS (SELECT 1'
                       ' FROM export_file f WHERE f.clinic_id = export_chunk.clinic_id'
                       ' AND f.export_id = export_chunk.export_id AND f.resource = export_chunk.resource'
                       ' AND f.keep_until < now()))', current_user);
    END IF;
    EXECUTE format('GRANT EXECUTE ON FUNCTION purge_expired_export_files(integer) TO %I', app);
END
$exports$;
