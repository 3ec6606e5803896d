-- A clinic's audit events by id: an export walks them in that order, a page at a time (API.md §9, export/AuditEventExport).
-- CONCURRENTLY: the table may be large, and the previous release's pods keep writing to it while this runs (Flyway
-- runs such a statement outside a transaction).
CREATE INDEX CONCURRENTLY audit_event_clinic_id ON audit_event (clinic_id, id);
