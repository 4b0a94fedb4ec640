-- CGST Rule 46 asks for the quantity and its unit on each line of a tax invoice: a line keeps the
-- unit it was sold in (the product's, or the one given for a free-text line), as it keeps its price.
ALTER TABLE invoice_lines ADD COLUMN unit VARCHAR(16) NOT NULL DEFAULT 'nos';
UPDATE invoice_lines l SET unit = p.unit FROM products p WHERE p.id = l.product_id;
