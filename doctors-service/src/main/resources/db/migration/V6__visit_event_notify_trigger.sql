-- The wake-up of the replicas' listeners (NOTIFY visit_events, payload: the clinic id) is sent by the event's own
-- insert instead of a separate statement: one round trip less for every check-in and visit change. As before it is
-- delivered at commit and never for a rolled-back change; PostgreSQL folds identical notifications of one
-- transaction into one. The event id and the insert are one statement too (VisitEventRepository.append).
CREATE FUNCTION visit_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('visit_events', NEW.clinic_id::text);
    RETURN NULL;
END $$;

CREATE TRIGGER visit_event_notify AFTER INSERT ON visit_event
    FOR EACH ROW EXECUTE FUNCTION visit_event_notify();
