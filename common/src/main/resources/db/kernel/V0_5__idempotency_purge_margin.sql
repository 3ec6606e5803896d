-- The purge (V0_4) compared the database's clock with created_at, which the services write from their own clocks:
-- a database clock ahead of a service's could delete a key a few seconds short of its 24 hours, and a retry then
-- would do the work again. Keys are now deleted an hour after their 24 hours, so no clock skew short of an hour
-- can cut one short (a key past its 24 hours is already a new request: its row is only kept longer, never used).
CREATE OR REPLACE FUNCTION purge_expired_idempotency_keys(batch integer) RETURNS integer
    LANGUAGE sql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH expired AS (
        SELECT clinic_id, user_id, key
          FROM public.idempotency_key
         WHERE created_at < now() - interval '25 hours'
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
