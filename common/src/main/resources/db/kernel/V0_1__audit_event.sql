-- The kernel's audit table, shipped by common and migrated in every service's database.
-- Ids step by 4 (the number of services) from a per-service offset, so that an audit id is
-- unique within the install (API.md §3 "Audit") while each service owns its own table.
CREATE SEQUENCE audit_event_id_seq START WITH ${audit_id_offset} INCREMENT BY 4 MINVALUE 1;

CREATE TABLE audit_event (
    id            bigint      PRIMARY KEY DEFAULT nextval('audit_event_id_seq'),
    clinic_id     bigint,
    actor_id      bigint,
    actor_role    varchar(20),
    action        varchar(20)  NOT NULL,
    resource_type varchar(30)  NOT NULL,
    resource_id   bigint,
    request_id    varchar(128),
    at            timestamptz  NOT NULL DEFAULT now(),
    changes       text[]
);
ALTER SEQUENCE audit_event_id_seq OWNED BY audit_event.id;

-- the audit API lists a clinic's events newest first, filtered by resource or actor
CREATE INDEX audit_event_clinic_at ON audit_event (clinic_id, at DESC, id DESC);
CREATE INDEX audit_event_clinic_resource ON audit_event (clinic_id, resource_type, resource_id);
