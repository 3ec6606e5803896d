CREATE TABLE probe (
    id        bigserial PRIMARY KEY,
    clinic_id bigint       NOT NULL,
    name      varchar(100) NOT NULL,
    quantity  integer      NOT NULL,
    version   bigint       NOT NULL DEFAULT 0
);
CREATE INDEX probe_clinic ON probe (clinic_id, id);
