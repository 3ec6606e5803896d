-- patients-service schema. The kernel's audit_event table comes from common (db/kernel).
-- The patients tables arrive with the patients-service issue.
SELECT 1;
