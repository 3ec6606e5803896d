-- doctors-service schema. The kernel's audit_event table comes from common (db/kernel).
-- The doctors tables arrive with the doctors-service issue.
SELECT 1;
