-- When the front desk checked the patient in (POST /api/appointments/{id}/check-in); null until then.
-- Versioned 4.1 rather than 4 so that another change's V4 can land beside it without a clash.
ALTER TABLE appointments ADD COLUMN checked_in_at TIMESTAMPTZ;
