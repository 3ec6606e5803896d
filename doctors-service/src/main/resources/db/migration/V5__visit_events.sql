-- Live visit updates (API.md §7): every visit change is an event, written in the same transaction as the
-- change. Its id is per clinic and follows commit order: it comes from the clinic's counter row, which stays
-- locked until the writing transaction commits, so a later id never commits before an earlier one and ids
-- never reveal another clinic's volume. NOTIFY visit_events (payload: the clinic id) only wakes the
-- replicas' listeners; the rows are the truth. Rows older than the replay window are pruned.
CREATE TABLE visit_event_counter (
    clinic_id bigint PRIMARY KEY,
    last_id   bigint NOT NULL
);

CREATE TABLE visit_event (
    id         bigserial    PRIMARY KEY,
    clinic_id  bigint       NOT NULL,
    event_id   bigint       NOT NULL,
    type       varchar(30)  NOT NULL CHECK (type IN ('visit.checked_in', 'visit.transition')),
    visit_id   bigint       NOT NULL,
    doctor_id  bigint,
    payload    text         NOT NULL,
    at         timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (clinic_id, event_id)
);
CREATE INDEX visit_event_at ON visit_event (at);

ALTER TABLE visit_event_counter ENABLE ROW LEVEL SECURITY;
ALTER TABLE visit_event_counter FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON visit_event_counter
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);

ALTER TABLE visit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE visit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON visit_event
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);
