-- Row-level security in the gateway's database (docs/security/tenant-isolation.md). The identity tables
-- (clinic, app_user, refresh_token) stay outside it on purpose: a login names a username, not a clinic,
-- and the superuser lists and creates clinics. The kernel's tables hold clinic data and are under it.
-- The setting is made by ClinicTransactions (a clinic's requests), AuditWriter (an event it names the
-- clinic of: a login, a new clinic) and SuperuserReads.

ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON idempotency_key
    USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '')::bigint);

-- A clinic's events are read and written only with that clinic set. A platform event (a superuser's
-- login, a failed login for a username that exists nowhere) belongs to no clinic: it is written, and
-- visible, only with no clinic set (the insert's RETURNING id needs it visible), and the API never lists
-- it (it lists one clinic's events). No clinic's event is visible without that clinic.
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_isolation ON audit_event
    USING (clinic_id IS NOT DISTINCT FROM nullif(current_setting('app.clinic_id', true), '')::bigint)
    WITH CHECK (clinic_id IS NOT DISTINCT FROM nullif(current_setting('app.clinic_id', true), '')::bigint);
