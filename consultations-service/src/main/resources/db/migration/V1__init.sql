-- consultations-service schema. The kernel's audit_event table comes from common (db/kernel).
-- The consultations tables arrive with the consultations-service issue.
SELECT 1;
