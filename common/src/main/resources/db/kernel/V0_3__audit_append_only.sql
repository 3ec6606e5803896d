-- Audit events are append-only whatever role connects (API.md §3 "Audit"): no UPDATE, no
-- DELETE, no TRUNCATE. The row-level-security issue also takes those grants away from the
-- services' run-time roles; this trigger is the lock that holds even for the table's owner.
CREATE FUNCTION audit_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- the audit API filters by actor and action within a clinic, newest first
CREATE INDEX audit_event_clinic_actor ON audit_event (clinic_id, actor_id, at DESC, id DESC);
