-- Products, customers and vendors, invoices with GST, payments, stock, and the ledgers that make
-- work from other modules apply once. Money is numeric(14,2): exact, never a float.

CREATE TABLE products (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku             VARCHAR(64)   NOT NULL,
    name            VARCHAR(200)  NOT NULL,
    description     TEXT,
    hsn_sac         VARCHAR(8),
    unit            VARCHAR(16)   NOT NULL DEFAULT 'nos',
    price           NUMERIC(14,2) NOT NULL,
    cost            NUMERIC(14,2),
    gst_rate        NUMERIC(5,2)  NOT NULL,
    stock_quantity  NUMERIC(14,3) NOT NULL DEFAULT 0,
    reorder_level   NUMERIC(14,3),
    archived        BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX products_sku_key ON products (lower(sku));
CREATE INDEX products_name_idx ON products (lower(name));

-- Customers and vendors: one table, as a party may be both.
CREATE TABLE parties (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            VARCHAR(8)    NOT NULL CHECK (kind IN ('customer', 'vendor')),
    name            VARCHAR(200)  NOT NULL,
    gstin           VARCHAR(15),
    state_code      VARCHAR(2),
    state           VARCHAR(100),
    email           VARCHAR(254),
    phone           VARCHAR(32),
    address_line1   VARCHAR(200),
    address_line2   VARCHAR(200),
    city            VARCHAR(100),
    pincode         VARCHAR(6),
    external_ref    VARCHAR(100),
    archived        BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX parties_kind_name_idx ON parties (kind, lower(name));
-- A party raised by another module (a patient, say) is found again by its reference there.
CREATE UNIQUE INDEX parties_external_ref_key ON parties (kind, external_ref) WHERE external_ref IS NOT NULL;

CREATE TABLE invoice_series (
    financial_year  VARCHAR(4)   PRIMARY KEY,
    next_number     INTEGER      NOT NULL
);

CREATE TABLE invoices (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id      BIGINT        NOT NULL REFERENCES parties (id),
    status           VARCHAR(16)   NOT NULL CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'cancelled')),
    number           VARCHAR(16),
    financial_year   VARCHAR(4),
    invoice_date     DATE          NOT NULL,
    due_date         DATE,
    place_of_supply  VARCHAR(2),
    inter_state      BOOLEAN       NOT NULL DEFAULT FALSE,
    taxable_amount   NUMERIC(14,2) NOT NULL DEFAULT 0,
    cgst             NUMERIC(14,2) NOT NULL DEFAULT 0,
    sgst             NUMERIC(14,2) NOT NULL DEFAULT 0,
    igst             NUMERIC(14,2) NOT NULL DEFAULT 0,
    round_off        NUMERIC(14,2) NOT NULL DEFAULT 0,
    total            NUMERIC(14,2) NOT NULL DEFAULT 0,
    amount_paid      NUMERIC(14,2) NOT NULL DEFAULT 0,
    irn              CHAR(64),
    notes            TEXT,
    issued_at        TIMESTAMPTZ,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX invoices_number_key ON invoices (financial_year, number) WHERE number IS NOT NULL;
CREATE INDEX invoices_customer_idx ON invoices (customer_id, status);

CREATE TABLE invoice_lines (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id       BIGINT        NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position         INTEGER       NOT NULL,
    product_id       BIGINT        REFERENCES products (id),
    description      VARCHAR(500)  NOT NULL,
    hsn_sac          VARCHAR(8),
    quantity         NUMERIC(14,3) NOT NULL,
    unit_price       NUMERIC(14,2) NOT NULL,
    discount_percent NUMERIC(5,2)  NOT NULL DEFAULT 0,
    gst_rate         NUMERIC(5,2)  NOT NULL,
    taxable_amount   NUMERIC(14,2) NOT NULL,
    cgst             NUMERIC(14,2) NOT NULL,
    sgst             NUMERIC(14,2) NOT NULL,
    igst             NUMERIC(14,2) NOT NULL,
    total            NUMERIC(14,2) NOT NULL,
    source_key       VARCHAR(200)
);
CREATE INDEX invoice_lines_invoice_idx ON invoice_lines (invoice_id, position);

CREATE TABLE payments (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id   BIGINT        NOT NULL REFERENCES invoices (id),
    amount       NUMERIC(14,2) NOT NULL CHECK (amount > 0),
    mode         VARCHAR(16)   NOT NULL,
    reference    VARCHAR(100),
    paid_on      DATE          NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);

CREATE TABLE stock_movements (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id   BIGINT        NOT NULL REFERENCES products (id),
    quantity     NUMERIC(14,3) NOT NULL,
    reason       VARCHAR(40)   NOT NULL,
    reference    VARCHAR(200),
    -- Set for movements from other modules: the same one delivered twice is applied once.
    movement_key VARCHAR(200)  UNIQUE,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- Billable items already added to an invoice, by their idempotency key.
CREATE TABLE billed_items (
    idempotency_key VARCHAR(200) PRIMARY KEY,
    invoice_id      BIGINT       NOT NULL REFERENCES invoices (id),
    billed_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
