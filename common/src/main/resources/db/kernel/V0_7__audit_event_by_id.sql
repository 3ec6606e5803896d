-- A clinic's audit events by id: an export walks them in that order, a page at a time (API.md §9, export/AuditEventExport).
CREATE INDEX audit_event_clinic_id ON audit_event (clinic_id, id);
