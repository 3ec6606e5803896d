-- Visits: a patient's check-in with a per-clinic, per-local-day token number.
CREATE TABLE visit (
    id                 bigserial    PRIMARY KEY,
    clinic_id          bigint       NOT NULL,
    patient_id         bigint       NOT NULL,
    patient_name       varchar(200) NOT NULL,
    assigned_doctor_id bigint       REFERENCES doctor (id),
    token_number       integer      NOT NULL,
    purpose            varchar(500) NOT NULL DEFAULT '',
    status             varchar(20)  NOT NULL DEFAULT 'checked_in'
                       CHECK (status IN ('checked_in', 'in_consultation', 'completed', 'cancelled', 'no_show')),
    visit_day          date         NOT NULL,
    check_in_date      timestamptz  NOT NULL,
    checked_in_by      bigint,
    started_at         timestamptz,
    completed_at       timestamptz,
    updated_at         timestamptz  NOT NULL,
    version            bigint       NOT NULL DEFAULT 0
);
-- token numbers are unique per clinic and local day
CREATE UNIQUE INDEX visit_clinic_day_token ON visit (clinic_id, visit_day, token_number);
-- one open visit (waiting or in consultation) per patient per local day; also refuses a racing duplicate
CREATE UNIQUE INDEX visit_open_per_patient ON visit (clinic_id, patient_id, visit_day)
    WHERE status IN ('checked_in', 'in_consultation');
-- a doctor's waiting queue in check-in order, and the clinic's queue of unassigned visits
CREATE INDEX visit_doctor_queue ON visit (clinic_id, assigned_doctor_id, check_in_date, id) WHERE status = 'checked_in';
CREATE INDEX visit_unassigned_queue ON visit (clinic_id, check_in_date, id)
    WHERE status = 'checked_in' AND assigned_doctor_id IS NULL;
-- the visits list: newest first, by day, by patient
CREATE INDEX visit_clinic_checked_in ON visit (clinic_id, check_in_date DESC, id DESC);
CREATE INDEX visit_clinic_patient ON visit (clinic_id, patient_id, check_in_date DESC);

-- the last token issued per clinic and local day, taken in the creating transaction
CREATE TABLE visit_token_counter (
    clinic_id  bigint  NOT NULL,
    day        date    NOT NULL,
    last_token integer NOT NULL,
    PRIMARY KEY (clinic_id, day)
);
