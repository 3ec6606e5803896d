-- The waiting-time estimate (API.md §8) reads a doctor's completed consultations of the clinic's last 14 local days
-- with every board and queue read: this index serves exactly that (clinic, doctor, day range), with the two times.
CREATE INDEX visit_doctor_completed ON visit (clinic_id, assigned_doctor_id, visit_day)
    INCLUDE (started_at, completed_at) WHERE status = 'completed';

-- The estimate's "last 14 local days" need the clinic's time zone where no caller's token can ask the gateway for
-- it (a board device may read nothing else; streams read outside requests). Every check-in already writes its
-- day's counter row with the zone it was made in, at no extra statement; a clinic's zone is that of its latest day.
-- Counters from before this migration have none: a clinic's estimates start with its next check-in.
ALTER TABLE visit_token_counter ADD COLUMN zone varchar(64);
