-- Doctor profiles. A profile is not a clinical record: DELETE deactivates it, it stays readable.
CREATE TABLE doctor (
    id               bigserial    PRIMARY KEY,
    clinic_id        bigint       NOT NULL,
    user_id          bigint       NOT NULL,
    user_name        varchar(301) NOT NULL,
    specialization   varchar(100) NOT NULL DEFAULT '',
    license_number   varchar(50)  NOT NULL,
    qualification    varchar(200) NOT NULL DEFAULT '',
    experience_years integer      NOT NULL DEFAULT 0 CHECK (experience_years BETWEEN 0 AND 70),
    is_active        boolean      NOT NULL DEFAULT true,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    version          bigint       NOT NULL DEFAULT 0
);
-- a licence number is unique within a clinic; a user has at most one profile in it
CREATE UNIQUE INDEX doctor_clinic_license ON doctor (clinic_id, license_number);
CREATE UNIQUE INDEX doctor_clinic_user ON doctor (clinic_id, user_id);
-- the list is ordered by name within a clinic
CREATE INDEX doctor_clinic_name ON doctor (clinic_id, lower(user_name), id);
