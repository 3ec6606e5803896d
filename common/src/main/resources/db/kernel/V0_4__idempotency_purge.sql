-- Stored answers expire (API.md §1: a key is kept 24 hours; issue 26): the rows hold full response bodies, PHI, so
-- expired ones are deleted, not just ignored. idempotency_key is under FORCEd row-level security, so the run-time role
-- sees one clinic at a time and could not find another clinic's expired rows. This function runs as the owner role
-- (SECURITY DEFINER), which a policy of afterMigrate.sql lets see expired rows only; the run-time role may call it
-- (afterMigrate grants EXECUTE) and thereby delete expired rows, and nothing else: it reads nothing back.
CREATE OR REPLACE FUNCTION purge_expired_idempotency_keys(batch integer) RETURNS integer
    LANGUAGE sql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH expired AS (
        SELECT clinic_id, user_id, key
          FROM public.idempotency_key
         WHERE created_at < now() - interval '24 hours'
         ORDER BY created_at
         LIMIT greatest(1, least(batch, 10000))
           FOR UPDATE SKIP LOCKED),
    gone AS (
        DELETE FROM public.idempotency_key k
         USING expired e
         WHERE k.clinic_id = e.clinic_id AND k.user_id = e.user_id AND k.key = e.key
        RETURNING 1)
    SELECT count(*)::integer FROM gone
$$;
REVOKE ALL ON FUNCTION purge_expired_idempotency_keys(integer) FROM PUBLIC;
