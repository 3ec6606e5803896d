-- A clinic's data export (API.md §9, docs/decisions.md §27): each resource's file is written by the process that owns
-- the resource, into its own database, in one transaction that also read the rows (one snapshot; a crash mid-file
-- leaves nothing). export_file says what the file holds; export_chunk holds its bytes, NDJSON cut into pieces of at
-- most 1 MiB, so neither writing nor reading a file ever needs more memory than a piece. Both are a clinic's data and
-- under row-level security like every clinic table; keep_until is when the owning process purges the file (after the
-- export's expires_at: the gateway answers 410 from then on).
CREATE TABLE export_file (
    clinic_id   bigint       NOT NULL,
    export_id   bigint       NOT NULL,
    resource    varchar(40)  NOT NULL,
    count       bigint       NOT NULL,
    bytes       bigint       NOT NULL,
    sha256      char(64)     NOT NULL,
    chunks      integer      NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    keep_until  timestamptz  NOT NULL,
    PRIMARY KEY (clinic_id, export_id, resource)
);
CREATE INDEX export_file_keep_until ON export_file (keep_until);

CREATE TABLE export_chunk (
    clinic_id   bigint       NOT NULL,
    export_id   bigint       NOT NULL,
    resource    varchar(40)  NOT NULL,
    n           integer      NOT NULL,
    data        bytea        NOT NULL,
    PRIMARY KEY (clinic_id, export_id, resource, n)
);

ALTER TABLE export_file ENABLE ROW LEVEL SECURITY;
ALTER TABLE export_file FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON export_file
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);
ALTER TABLE export_chunk ENABLE ROW LEVEL SECURITY;
ALTER TABLE export_chunk FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON export_chunk
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);

-- The purge: like purge_expired_idempotency_keys (V0_4), it runs as the owner role, which afterMigrate's policies let
-- see expired files (and their chunks) only; the run-time role may call it and learns nothing but a count.
CREATE OR REPLACE FUNCTION purge_expired_export_files(batch integer) RETURNS integer
    LANGUAGE sql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH expired AS (
        SELECT clinic_id, export_id, resource
          FROM public.export_file
         WHERE keep_until < now()
         ORDER BY keep_until
         LIMIT greatest(1, least(batch, 1000))
           FOR UPDATE SKIP LOCKED),
    chunks AS (
        DELETE FROM public.export_chunk c
         USING expired e
         WHERE c.clinic_id = e.clinic_id AND c.export_id = e.export_id AND c.resource = e.resource
        RETURNING 1),
    files AS (
        DELETE FROM public.export_file f
         USING expired e
         WHERE f.clinic_id = e.clinic_id AND f.export_id = e.export_id AND f.resource = e.resource
        RETURNING 1)
    SELECT count(*)::integer FROM files
$$;
REVOKE ALL ON FUNCTION purge_expired_export_files(integer) FROM PUBLIC;
