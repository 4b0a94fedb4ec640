-- Fails for tenants whose slug starts with "broken", to show that one tenant's failed migration
-- neither stops the others nor goes unreported.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM ipsc_tenant WHERE slug LIKE 'broken%') THEN
        RAISE EXCEPTION 'this tenant cannot take V2';
    END IF;
END $$;
ALTER TABLE notes ADD COLUMN author TEXT;
