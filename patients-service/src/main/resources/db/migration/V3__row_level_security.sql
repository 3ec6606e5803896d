-- Row-level security (docs/security/tenant-isolation.md): the patients-service's tables and the kernel's.
-- Every clinic table compares clinic_id with the transaction's app.clinic_id (set by
-- ClinicTransactions with set_config(..., true)). current_setting(..., true) is null when the
-- setting was never made and nullif turns a reset ('') into null, so no clinic set = no rows.
-- FORCE makes the policies hold for the tables' owner too; only a superuser or a BYPASSRLS role
-- (neither of which the services connect as) is exempt.

ALTER TABLE patient ENABLE ROW LEVEL SECURITY;
ALTER TABLE patient FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON patient
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);

ALTER TABLE patient_number_counter ENABLE ROW LEVEL SECURITY;
ALTER TABLE patient_number_counter FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON patient_number_counter
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);

ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON audit_event
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);

ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON idempotency_key
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);
