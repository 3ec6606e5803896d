-- The transactional outbox (docs/decisions.md §26): what another service must be told about a change of the
-- gateway's, written in the change's own transaction, so no crash between the commit and the call loses it.
-- One row per (kind, subject): a second change before the first was delivered bumps seq, and a delivery
-- deletes the row only if no change came in since it was claimed. Like app_user it stays outside row-level
-- security (an identity table: the relay reads every clinic's rows and delivers each to its own clinic).
CREATE TABLE outbox (
    kind          varchar(40)  NOT NULL,
    subject_id    bigint       NOT NULL,
    clinic_id     bigint       NOT NULL REFERENCES clinic (id),
    actor_id      bigint       NOT NULL REFERENCES app_user (id),
    seq           bigint       NOT NULL DEFAULT 1,
    attempts      integer      NOT NULL DEFAULT 0,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    due_at        timestamptz  NOT NULL DEFAULT now(),
    leased_until  timestamptz,
    last_error    varchar(500),
    PRIMARY KEY (kind, subject_id)
);
CREATE INDEX outbox_due ON outbox (due_at);
