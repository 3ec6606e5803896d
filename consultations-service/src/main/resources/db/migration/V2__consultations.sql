-- Consultations, prescriptions with their medicines, test reports.
CREATE TABLE consultation (
    id              bigserial    PRIMARY KEY,
    clinic_id       bigint       NOT NULL,
    patient_id      bigint       NOT NULL,
    patient_name    varchar(200) NOT NULL,
    doctor_id       bigint       NOT NULL,
    doctor_name     varchar(301) NOT NULL,
    visit_id        bigint,
    chief_complaint text         NOT NULL DEFAULT '',
    diagnosis       text         NOT NULL DEFAULT '',
    notes           text         NOT NULL DEFAULT '',
    bp_systolic     integer      CHECK (bp_systolic BETWEEN 40 AND 300),
    bp_diastolic    integer      CHECK (bp_diastolic BETWEEN 20 AND 200),
    pulse           integer      CHECK (pulse BETWEEN 20 AND 250),
    temperature_c   numeric(4,1) CHECK (temperature_c BETWEEN 25 AND 45),
    weight_kg       numeric(5,2) CHECK (weight_kg BETWEEN 0.2 AND 500),
    height_cm       numeric(5,1) CHECK (height_cm BETWEEN 20 AND 300),
    spo2            integer      CHECK (spo2 BETWEEN 50 AND 100),
    follow_up_date  date,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         bigint       NOT NULL DEFAULT 0
);
-- lists: a clinic's newest first, a doctor's own newest first, a patient's
CREATE INDEX consultation_clinic_created ON consultation (clinic_id, created_at DESC, id DESC);
CREATE INDEX consultation_clinic_doctor ON consultation (clinic_id, doctor_id, created_at DESC, id DESC);
CREATE INDEX consultation_clinic_patient ON consultation (clinic_id, patient_id);

CREATE TABLE prescription (
    id                bigserial    PRIMARY KEY,
    clinic_id         bigint       NOT NULL,
    patient_id        bigint       NOT NULL,
    patient_name      varchar(200) NOT NULL,
    doctor_id         bigint       NOT NULL,
    doctor_name       varchar(301) NOT NULL,
    consultation_id   bigint       REFERENCES consultation (id),
    prescription_date date         NOT NULL,
    status            varchar(10)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'cancelled')),
    notes             text         NOT NULL DEFAULT '',
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    version           bigint       NOT NULL DEFAULT 0
);
CREATE INDEX prescription_clinic_created ON prescription (clinic_id, created_at DESC, id DESC);
CREATE INDEX prescription_clinic_doctor ON prescription (clinic_id, doctor_id, created_at DESC, id DESC);
CREATE INDEX prescription_clinic_patient ON prescription (clinic_id, patient_id);

CREATE TABLE medicine (
    id              bigserial    PRIMARY KEY,
    clinic_id       bigint       NOT NULL,
    prescription_id bigint       NOT NULL REFERENCES prescription (id) ON DELETE CASCADE,
    position        integer      NOT NULL,
    medicine_name   varchar(200) NOT NULL,
    dosage          varchar(100) NOT NULL DEFAULT '',
    frequency       varchar(100) NOT NULL DEFAULT '',
    duration        varchar(100) NOT NULL DEFAULT '',
    route           varchar(50)  NOT NULL DEFAULT '',
    instructions    text         NOT NULL DEFAULT '',
    quantity        integer      NOT NULL CHECK (quantity > 0),
    refills_allowed integer      NOT NULL DEFAULT 0 CHECK (refills_allowed BETWEEN 0 AND 12)
);
-- a page of prescriptions loads all its medicines with one "prescription_id IN (…)" query
CREATE INDEX medicine_prescription ON medicine (prescription_id, position);

CREATE TABLE test_report (
    id              bigserial    PRIMARY KEY,
    clinic_id       bigint       NOT NULL,
    patient_id      bigint       NOT NULL,
    test_name       varchar(200) NOT NULL,
    result          text         NOT NULL DEFAULT '',
    unit            varchar(50)  NOT NULL DEFAULT '',
    reference_range varchar(100) NOT NULL DEFAULT '',
    report_date     date         NOT NULL,
    status          varchar(10)  NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'final')),
    created_by      bigint,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    deleted_at      timestamptz,
    version         bigint       NOT NULL DEFAULT 0
);
CREATE INDEX test_report_clinic_created ON test_report (clinic_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX test_report_clinic_patient ON test_report (clinic_id, patient_id) WHERE deleted_at IS NULL;
