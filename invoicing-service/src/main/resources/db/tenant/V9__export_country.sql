-- The country an export goes to (ISO 3166 alpha-2), when known: the e-invoice's ExpDtls.CntCode (issue 18).
ALTER TABLE invoices ADD COLUMN export_country VARCHAR(2);
