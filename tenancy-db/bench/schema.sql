-- The two tables of AuditTrailBench, as invoicing-service's migration has them (with the lines' index
-- on invoice_id: without it the lines' UPDATE scans the whole table and every round is slower than the last).
CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL,
    status text NOT NULL, invoice_date date NOT NULL DEFAULT current_date, notes text, subtotal numeric(14,2) NOT NULL DEFAULT 0,
    cgst numeric(14,2) NOT NULL DEFAULT 0, sgst numeric(14,2) NOT NULL DEFAULT 0, igst numeric(14,2) NOT NULL DEFAULT 0,
    total numeric(14,2) NOT NULL DEFAULT 0, place_of_supply text, inter_state boolean, created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE invoice_lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, invoice_id bigint NOT NULL REFERENCES invoices,
    position int NOT NULL, description text NOT NULL, hsn_sac text, quantity numeric(12,3) NOT NULL, unit_price numeric(14,2) NOT NULL,
    gst_rate numeric(5,2) NOT NULL, taxable_amount numeric(14,2) NOT NULL DEFAULT 0, cgst numeric(14,2) NOT NULL DEFAULT 0,
    sgst numeric(14,2) NOT NULL DEFAULT 0, igst numeric(14,2) NOT NULL DEFAULT 0, total numeric(14,2) NOT NULL DEFAULT 0);
CREATE INDEX invoice_lines_invoice_idx ON invoice_lines (invoice_id, position);
