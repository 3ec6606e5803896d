-- Patients. Deletes are soft (deleted_at): gone from the API, kept for retention and audit.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE patient (
    id                          bigserial    PRIMARY KEY,
    clinic_id                   bigint       NOT NULL,
    patient_id                  varchar(20)  NOT NULL,
    patient_name                varchar(200) NOT NULL,
    date_of_birth               date         NOT NULL,
    gender                      char(1)      NOT NULL CHECK (gender IN ('M', 'F', 'O')),
    blood_group                 varchar(3)   CHECK (blood_group IN ('A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-')),
    phone_number                varchar(16)  NOT NULL,
    email                       varchar(254),
    address                     text,
    city                        varchar(100),
    state                       varchar(100),
    zip_code                    varchar(20),
    emergency_contact_name      varchar(200),
    emergency_contact_phone     varchar(16),
    identification_type         varchar(50),
    -- AES-256-GCM ciphertext (nonce ‖ ciphertext ‖ tag); the clear number never reaches the database
    identification_number_enc   bytea,
    identification_number_len   smallint,
    identification_number_last4 varchar(4),
    status                      varchar(10)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'deceased')),
    registered_by               bigint,
    doctor_name                 varchar(301),
    registration_date           timestamptz  NOT NULL DEFAULT now(),
    updated_at                  timestamptz  NOT NULL DEFAULT now(),
    deleted_at                  timestamptz,
    version                     bigint       NOT NULL DEFAULT 0,
    -- what ?search= looks in, lower-cased, fields separated by a unit separator so a term cannot span two
    search_text                 text GENERATED ALWAYS AS
                                (lower(patient_name || chr(31) || phone_number || chr(31) || patient_id)) STORED
);

-- medical record numbers are unique per clinic, deleted patients included (never reused)
CREATE UNIQUE INDEX patient_clinic_mrn ON patient (clinic_id, patient_id);
-- the default list order, and the by-name order, of a clinic's live patients
CREATE INDEX patient_clinic_registered ON patient (clinic_id, registration_date DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX patient_clinic_name ON patient (clinic_id, lower(patient_name), id) WHERE deleted_at IS NULL;
-- case-insensitive "contains" search within a clinic: trigram GIN with the clinic as its first key
CREATE INDEX patient_clinic_search ON patient USING gin (clinic_id, search_text gin_trgm_ops) WHERE deleted_at IS NULL;

-- the last medical record number issued per clinic; incremented in the creating transaction, so a
-- rolled-back create gives its number back and concurrent creates queue on the clinic's row
CREATE TABLE patient_number_counter (
    clinic_id   bigint PRIMARY KEY,
    last_number bigint NOT NULL
);
