-- The clinic's records: patients, their appointments and their treatments, and the billing outbox.

-- Exclusion constraints mixing "=" on plain columns with "&&" on ranges need GiST operator classes
-- for bigint and text, which btree_gist provides.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE patients (
    id                  BIGSERIAL    PRIMARY KEY,
    first_name          VARCHAR(100) NOT NULL,
    last_name           VARCHAR(100) NOT NULL,
    phone               VARCHAR(20),
    email               VARCHAR(200),
    date_of_birth       DATE,
    gender              VARCHAR(20),
    address             TEXT,
    allergies           TEXT[]       NOT NULL DEFAULT '{}',
    medical_conditions  TEXT[]       NOT NULL DEFAULT '{}',
    notes               TEXT,
    -- A patient with history is archived rather than deleted: the records of care must stay.
    archived_at         TIMESTAMPTZ,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX patients_name_idx ON patients (lower(last_name), lower(first_name));
CREATE INDEX patients_phone_idx ON patients (phone);

CREATE TABLE appointments (
    id                BIGSERIAL    PRIMARY KEY,
    patient_id        BIGINT       NOT NULL REFERENCES patients (id),
    dentist_id        BIGINT,
    chair             VARCHAR(50),
    starts_at         TIMESTAMPTZ  NOT NULL,
    -- Stored rather than computed: timestamptz + interval is not immutable, so it cannot feed a
    -- generated column or the exclusion constraints below.
    ends_at           TIMESTAMPTZ  NOT NULL,
    duration_minutes  INTEGER      NOT NULL,
    treatment_type    VARCHAR(200) NOT NULL,
    notes             TEXT,
    status            VARCHAR(20)  NOT NULL DEFAULT 'scheduled'
        CHECK (status IN ('scheduled', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show')),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    -- No double booking, enforced by the database so that two bookings arriving at once cannot
    -- both pass a check made beforehand. Cancelled and no-show appointments free their time.
    CONSTRAINT appointments_dentist_overlap EXCLUDE USING gist
        (dentist_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (dentist_id IS NOT NULL AND status NOT IN ('cancelled', 'no_show')),
    CONSTRAINT appointments_chair_overlap EXCLUDE USING gist
        (chair WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (chair IS NOT NULL AND status NOT IN ('cancelled', 'no_show')),
    CONSTRAINT appointments_patient_overlap EXCLUDE USING gist
        (patient_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status NOT IN ('cancelled', 'no_show'))
);
CREATE INDEX appointments_starts_idx ON appointments (starts_at);
CREATE INDEX appointments_patient_idx ON appointments (patient_id);

CREATE TABLE treatments (
    id               BIGSERIAL     PRIMARY KEY,
    patient_id       BIGINT        NOT NULL REFERENCES patients (id),
    appointment_id   BIGINT        REFERENCES appointments (id),
    treatment_date   TIMESTAMPTZ   NOT NULL,
    treatment_type   VARCHAR(200)  NOT NULL,
    -- FDI two-digit tooth number; null for treatments of the whole mouth.
    tooth            INTEGER,
    surfaces         VARCHAR(10),
    cost             NUMERIC(12, 2) NOT NULL CHECK (cost >= 0),
    notes            TEXT,
    status           VARCHAR(20)   NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'completed')),
    completed_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX treatments_patient_idx ON treatments (patient_id, status);

-- Billable items waiting for Kafka, written in the same transaction as the completion that
-- raised them; the unique key makes a second completion unable to queue a second item.
CREATE TABLE billing_outbox (
    id               BIGSERIAL     PRIMARY KEY,
    idempotency_key  VARCHAR(100)  NOT NULL UNIQUE,
    payload          TEXT          NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    sent_at          TIMESTAMPTZ
);
CREATE INDEX billing_outbox_pending_idx ON billing_outbox (id) WHERE sent_at IS NULL;
