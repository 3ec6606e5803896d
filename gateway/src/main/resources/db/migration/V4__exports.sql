-- A clinic's data exports (API.md §9, docs/decisions.md §27). export_job is what the API shows, a clinic's data under
-- row-level security like every clinic table; at most one unfinished export per clinic (the partial unique index:
-- a second POST finds the first by it). export_queue is the work still to do: one row per unfinished export, with the
-- lease of the replica working on it (FOR UPDATE SKIP LOCKED claims; an expired lease is taken over). Like the outbox
-- it holds no clinic data, only ids, and stays outside row-level security: a replica's worker finds every clinic's
-- queued exports there, and reads and writes the job itself only with that job's clinic set.
CREATE TABLE export_job (
    id            bigserial    PRIMARY KEY,
    clinic_id     bigint       NOT NULL REFERENCES clinic (id),
    status        varchar(10)  NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    resources     varchar(200) NOT NULL,
    since         timestamptz,
    requested_by  bigint       NOT NULL REFERENCES app_user (id),
    requested_at  timestamptz  NOT NULL,
    started_at    timestamptz,
    completed_at  timestamptz,
    expires_at    timestamptz,
    files         text         NOT NULL DEFAULT '[]',
    error         varchar(500)
);
CREATE UNIQUE INDEX export_job_unfinished ON export_job (clinic_id) WHERE status IN ('queued', 'running');
CREATE INDEX export_job_clinic ON export_job (clinic_id, id);

ALTER TABLE export_job ENABLE ROW LEVEL SECURITY;
ALTER TABLE export_job FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON export_job
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);

CREATE TABLE export_queue (
    export_id     bigint       PRIMARY KEY REFERENCES export_job (id),
    clinic_id     bigint       NOT NULL,
    attempts      integer      NOT NULL DEFAULT 0,
    due_at        timestamptz  NOT NULL DEFAULT now(),
    leased_until  timestamptz,
    lease         uuid
);
