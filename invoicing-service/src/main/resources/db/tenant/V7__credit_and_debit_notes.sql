-- Partial credit notes and debit notes against an issued invoice (GSTR-1 Table 9B). A note has lines, each
-- against one line of its invoice (by position), taxed at that line's rate as the invoice was. The whole-invoice
-- cancel of V4 stays a credit note (cancels_invoice), reported by removing its invoice rather than in Table 9B.
ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_invoice_id_key;
CREATE INDEX credit_notes_invoice_idx ON credit_notes (invoice_id);
ALTER TABLE credit_notes
    ADD COLUMN kind            VARCHAR(6)    NOT NULL DEFAULT 'credit' CHECK (kind IN ('credit', 'debit')),
    ADD COLUMN cancels_invoice BOOLEAN       NOT NULL DEFAULT FALSE,
    ADD COLUMN inter_state     BOOLEAN       NOT NULL DEFAULT FALSE,
    ADD COLUMN cgst            NUMERIC(14,2) NOT NULL DEFAULT 0,
    ADD COLUMN sgst            NUMERIC(14,2) NOT NULL DEFAULT 0,
    ADD COLUMN igst            NUMERIC(14,2) NOT NULL DEFAULT 0,
    ADD COLUMN round_off       NUMERIC(14,2) NOT NULL DEFAULT 0;
-- Every note before V7 cancelled its whole invoice; its tax is the invoice's.
UPDATE credit_notes n SET cancels_invoice = TRUE, inter_state = i.inter_state, cgst = i.cgst, sgst = i.sgst, igst = i.igst,
    round_off = i.round_off FROM invoices i WHERE i.id = n.invoice_id;
-- Numbers are unique per kind and year (CN/2425/00001 and DN/2425/00001 are two documents).
ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_financial_year_number_key;
CREATE UNIQUE INDEX credit_notes_number_key ON credit_notes (kind, financial_year, number);

CREATE TABLE debit_note_series (
    financial_year  VARCHAR(4) PRIMARY KEY,
    next_number     INTEGER    NOT NULL
);

CREATE TABLE note_lines (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    note_id          BIGINT        NOT NULL REFERENCES credit_notes (id) ON DELETE CASCADE,
    position         INTEGER       NOT NULL,
    invoice_position INTEGER       NOT NULL,
    product_id       BIGINT        REFERENCES products (id),
    description      VARCHAR(500)  NOT NULL,
    hsn_sac          VARCHAR(8),
    unit             VARCHAR(16)   NOT NULL,
    -- Goods back (credit) or extra goods (debit); null for a note by value (price change, discount after sale).
    quantity         NUMERIC(14,3),
    gst_rate         NUMERIC(5,2)  NOT NULL,
    taxable_amount   NUMERIC(14,2) NOT NULL,
    cgst             NUMERIC(14,2) NOT NULL,
    sgst             NUMERIC(14,2) NOT NULL,
    igst             NUMERIC(14,2) NOT NULL,
    total            NUMERIC(14,2) NOT NULL
);
CREATE INDEX note_lines_note_idx ON note_lines (note_id, position);

-- What the invoice's notes add and take away: the amount due is total + debited - credited - amount_paid.
ALTER TABLE invoices
    ADD COLUMN credited NUMERIC(14,2) NOT NULL DEFAULT 0,
    ADD COLUMN debited  NUMERIC(14,2) NOT NULL DEFAULT 0;
