-- Queue priority (API.md §8): a waiting queue is ordered emergency, urgent, normal, then by check-in time.
-- priority_rank is that order as a number, kept by the database, so the queue indexes can serve it.
ALTER TABLE visit ADD COLUMN priority varchar(10) NOT NULL DEFAULT 'normal'
    CHECK (priority IN ('normal', 'urgent', 'emergency'));
ALTER TABLE visit ADD COLUMN priority_rank smallint NOT NULL GENERATED ALWAYS AS
    (CASE priority WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END) STORED;

DROP INDEX visit_doctor_queue;
DROP INDEX visit_unassigned_queue;
CREATE INDEX visit_doctor_queue ON visit (clinic_id, assigned_doctor_id, priority_rank, check_in_date, id)
    WHERE status = 'checked_in';
CREATE INDEX visit_unassigned_queue ON visit (clinic_id, priority_rank, check_in_date, id)
    WHERE status = 'checked_in' AND assigned_doctor_id IS NULL;
