-- An issued invoice is never deleted: a credit note cancels it, numbered in its own series per year.
CREATE TABLE credit_note_series (
    financial_year  VARCHAR(4) PRIMARY KEY,
    next_number     INTEGER    NOT NULL
);

CREATE TABLE credit_notes (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id      BIGINT        NOT NULL UNIQUE REFERENCES invoices (id),
    number          VARCHAR(16)   NOT NULL,
    financial_year  VARCHAR(4)    NOT NULL,
    note_date       DATE          NOT NULL,
    reason          VARCHAR(500)  NOT NULL,
    taxable_amount  NUMERIC(14,2) NOT NULL,
    tax_amount      NUMERIC(14,2) NOT NULL,
    total           NUMERIC(14,2) NOT NULL,
    irn             CHAR(64),
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (financial_year, number)
);
