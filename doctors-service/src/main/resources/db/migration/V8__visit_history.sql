-- A visit's history (API.md §8): every change of its status, priority or doctor, with who and when, written in the
-- change's own transaction (VisitService). Visits from before this migration get what their columns still tell:
-- their check-in, and their present status if it is no longer checked_in (at its latest known moment, no actor).
CREATE TABLE visit_history (
    id          bigserial    PRIMARY KEY,
    clinic_id   bigint       NOT NULL,
    visit_id    bigint       NOT NULL REFERENCES visit (id),
    at          timestamptz  NOT NULL,
    actor_id    bigint,
    actor_role  varchar(20),
    kind        varchar(20)  NOT NULL CHECK (kind IN ('checked_in', 'status', 'priority', 'transfer')),
    from_value  varchar(20),
    to_value    varchar(20),
    reason      varchar(500)
);
CREATE INDEX visit_history_visit ON visit_history (clinic_id, visit_id, id);

INSERT INTO visit_history (clinic_id, visit_id, at, actor_id, kind, to_value)
    SELECT clinic_id, id, check_in_date, checked_in_by, 'checked_in', 'checked_in' FROM visit ORDER BY id;
INSERT INTO visit_history (clinic_id, visit_id, at, kind, from_value, to_value)
    SELECT clinic_id, id, coalesce(completed_at, started_at, updated_at), 'status', 'checked_in', status
    FROM visit WHERE status <> 'checked_in' ORDER BY id;

ALTER TABLE visit_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE visit_history FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON visit_history
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);
