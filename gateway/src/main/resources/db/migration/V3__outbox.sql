-- The transactional outbox (docs/decisions.md §26): what another service must be told about a change of the
-- gateway's, written in the change's own transaction, so no crash between the commit and the call loses it.
-- One row per (kind, subject): a second change before the first was delivered takes a new seq, and a delivery
-- deletes the row only if no change came in since it was claimed. Like app_user it stays outside row-level
-- security (an identity table: the relay reads every clinic's rows and delivers each to its own clinic).
-- seq comes from one sequence, never restarting for a subject: a delivery that claimed seq n can never mistake a
-- later row of the same subject for its own. lease names the claim: only its holder may finish or release it.
CREATE SEQUENCE outbox_seq;
CREATE TABLE outbox (
    kind          varchar(40)  NOT NULL,
    subject_id    bigint       NOT NULL,
    clinic_id     bigint       NOT NULL REFERENCES clinic (id),
    actor_id      bigint       NOT NULL REFERENCES app_user (id),
    seq           bigint       NOT NULL DEFAULT nextval('outbox_seq'),
    attempts      integer      NOT NULL DEFAULT 0,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    due_at        timestamptz  NOT NULL DEFAULT now(),
    leased_until  timestamptz,
    lease         uuid,
    last_error    varchar(500),
    PRIMARY KEY (kind, subject_id)
);
CREATE INDEX outbox_due ON outbox (due_at);
