-- A waiting visit's priority change or transfer (API.md §8) is the event visit.updated. A transfer concerns two
-- doctors: the event keeps the doctor the visit left (previous_doctor_id) beside its new one (doctor_id), so both
-- doctors' queue streams carry it.
ALTER TABLE visit_event DROP CONSTRAINT visit_event_type_check;
ALTER TABLE visit_event ADD CONSTRAINT visit_event_type_check
    CHECK (type IN ('visit.checked_in', 'visit.transition', 'visit.updated'));
ALTER TABLE visit_event ADD COLUMN previous_doctor_id bigint;
