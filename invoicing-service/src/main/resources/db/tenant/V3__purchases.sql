-- Vendor bills (input tax), the stock they bring in, and payments made against them.
CREATE TABLE purchases (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vendor_id        BIGINT        NOT NULL REFERENCES parties (id),
    bill_number      VARCHAR(40)   NOT NULL,
    bill_date        DATE          NOT NULL,
    due_date         DATE,
    status           VARCHAR(16)   NOT NULL CHECK (status IN ('received', 'partially_paid', 'paid')),
    inter_state      BOOLEAN       NOT NULL,
    taxable_amount   NUMERIC(14,2) NOT NULL,
    cgst             NUMERIC(14,2) NOT NULL,
    sgst             NUMERIC(14,2) NOT NULL,
    igst             NUMERIC(14,2) NOT NULL,
    round_off        NUMERIC(14,2) NOT NULL,
    total            NUMERIC(14,2) NOT NULL,
    amount_paid      NUMERIC(14,2) NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now()
);
-- A vendor's bill is entered once.
CREATE UNIQUE INDEX purchases_vendor_bill_key ON purchases (vendor_id, lower(bill_number));

CREATE TABLE purchase_lines (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purchase_id      BIGINT        NOT NULL REFERENCES purchases (id) ON DELETE CASCADE,
    position         INTEGER       NOT NULL,
    product_id       BIGINT        REFERENCES products (id),
    description      VARCHAR(500)  NOT NULL,
    hsn_sac          VARCHAR(8),
    quantity         NUMERIC(14,3) NOT NULL,
    unit_price       NUMERIC(14,2) NOT NULL,
    gst_rate         NUMERIC(5,2)  NOT NULL,
    taxable_amount   NUMERIC(14,2) NOT NULL,
    tax_amount       NUMERIC(14,2) NOT NULL
);

CREATE TABLE purchase_payments (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purchase_id  BIGINT        NOT NULL REFERENCES purchases (id),
    amount       NUMERIC(14,2) NOT NULL CHECK (amount > 0),
    mode         VARCHAR(16)   NOT NULL,
    reference    VARCHAR(100),
    paid_on      DATE          NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);
