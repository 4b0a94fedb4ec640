-- Per-tenant settings of the invoicing module (time zone, numbering, defaults), one row per key.
-- The module's own tables come with its issue; this first migration gives every tenant database
-- a schema version and a place for settings from day one.
CREATE TABLE module_settings (
    key         VARCHAR(100) PRIMARY KEY,
    value       TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
