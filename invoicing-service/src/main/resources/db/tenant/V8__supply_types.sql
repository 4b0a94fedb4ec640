-- Supply types (issue 18). A customer's GST category decides how its invoices are taxed and reported:
-- registered (B2B), unregistered (B2C), sez (a unit or developer in a Special Economic Zone), overseas
-- (export) or deemed_export (notified supplies, Section 147 CGST Act). Existing parties and parties
-- written without a category (another module's billing) take it from the GSTIN, as before.
ALTER TABLE parties ADD COLUMN gst_category VARCHAR(16);
UPDATE parties SET gst_category = CASE WHEN gstin IS NULL THEN 'unregistered' ELSE 'registered' END;

CREATE FUNCTION parties_gst_category_from_gstin() RETURNS trigger AS $$
BEGIN
    IF NEW.gst_category IS NULL THEN
        NEW.gst_category := CASE WHEN NEW.gstin IS NULL THEN 'unregistered' ELSE 'registered' END;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER parties_gst_category BEFORE INSERT OR UPDATE ON parties
    FOR EACH ROW EXECUTE FUNCTION parties_gst_category_from_gstin();

ALTER TABLE parties ALTER COLUMN gst_category SET NOT NULL;
ALTER TABLE parties ADD CONSTRAINT parties_gst_category_check
    CHECK (gst_category IN ('registered', 'unregistered', 'sez', 'overseas', 'deemed_export'));

-- Per invoice: reverse charge (B2B), whether an SEZ or export supply pays IGST (false: under LUT/bond,
-- zero tax), and the export's currency, port code and shipping bill when known.
ALTER TABLE invoices ADD COLUMN reverse_charge BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE invoices ADD COLUMN with_payment_of_tax BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE invoices ADD COLUMN export_currency VARCHAR(3);
ALTER TABLE invoices ADD COLUMN port_code VARCHAR(6);
ALTER TABLE invoices ADD COLUMN shipping_bill_number VARCHAR(20);
ALTER TABLE invoices ADD COLUMN shipping_bill_date DATE;
