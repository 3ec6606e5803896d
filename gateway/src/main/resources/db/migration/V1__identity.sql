-- Identity owned by the gateway: clinics (the tenants), their staff users, refresh tokens.

CREATE TABLE clinic (
    id                  bigserial    PRIMARY KEY,
    name                varchar(200) NOT NULL,
    slug                varchar(80)  NOT NULL,
    email               varchar(254),
    phone_number        varchar(20),
    address             text,
    city                varchar(100),
    state               varchar(100),
    zip_code            varchar(20),
    registration_number varchar(100),
    gstin               varchar(20),
    timezone            varchar(64)  NOT NULL DEFAULT 'UTC',
    is_active           boolean      NOT NULL DEFAULT true,
    rate_limit_per_hour integer      CHECK (rate_limit_per_hour IS NULL OR rate_limit_per_hour > 0),
    created_at          timestamptz  NOT NULL DEFAULT now(),
    version             bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX clinic_slug ON clinic (slug);

-- "user" is reserved in SQL, hence app_user. A superuser belongs to no clinic; everyone else to one.
CREATE TABLE app_user (
    id            bigserial    PRIMARY KEY,
    clinic_id     bigint       REFERENCES clinic (id),
    username      varchar(150) NOT NULL,
    first_name    varchar(150) NOT NULL DEFAULT '',
    last_name     varchar(150) NOT NULL DEFAULT '',
    email         varchar(254),
    role          varchar(20)  NOT NULL CHECK (role IN ('superuser', 'admin', 'doctor', 'receptionist', 'display')),
    is_active     boolean      NOT NULL DEFAULT true,
    password_hash varchar(100) NOT NULL,
    date_joined   timestamptz  NOT NULL DEFAULT now(),
    version       bigint       NOT NULL DEFAULT 0,
    CHECK ((role = 'superuser') = (clinic_id IS NULL))
);
-- usernames are unique within the install, whatever their case (login is case-insensitive)
CREATE UNIQUE INDEX app_user_username ON app_user (lower(username));
CREATE INDEX app_user_clinic ON app_user (clinic_id, id);

-- Only a hash of each refresh token is kept. A family is one login's chain of rotations:
-- presenting a revoked member revokes the whole family (reuse detection).
CREATE TABLE refresh_token (
    id          bigserial   PRIMARY KEY,
    token_hash  char(64)    NOT NULL,
    user_id     bigint      NOT NULL REFERENCES app_user (id),
    family      uuid        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX refresh_token_hash ON refresh_token (token_hash);
CREATE INDEX refresh_token_family ON refresh_token (family);
CREATE INDEX refresh_token_user_live ON refresh_token (user_id) WHERE revoked_at IS NULL;
