-- Idempotency-Key records (API.md §1), kept 24 hours: per clinic, user and key, the hash of the
-- request and, once it succeeded, the answer to replay.
CREATE TABLE idempotency_key (
    clinic_id    bigint       NOT NULL,
    user_id      bigint       NOT NULL,
    key          varchar(255) NOT NULL,
    request_hash char(64)     NOT NULL,
    state        varchar(10)  NOT NULL CHECK (state IN ('in_flight', 'done')),
    status       integer,
    location     text,
    body         text,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (clinic_id, user_id, key)
);
-- expired records are purged by age
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
