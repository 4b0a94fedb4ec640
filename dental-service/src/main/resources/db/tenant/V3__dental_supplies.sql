-- Dental supplies (gloves, composite, anaesthetic...) with their stock, and every receipt and
-- consumption that changed it, so that the stock can always be explained.
CREATE TABLE dental_supplies (
    id             BIGSERIAL      PRIMARY KEY,
    name           VARCHAR(200)   NOT NULL,
    unit           VARCHAR(30)    NOT NULL,
    stock          NUMERIC(12, 3) NOT NULL DEFAULT 0 CHECK (stock >= 0),
    reorder_level  NUMERIC(12, 3) NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),
    notes          TEXT,
    -- Archived rather than deleted: its movements stay explainable.
    archived_at    TIMESTAMPTZ,
    created_at     TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dental_supplies_name_key ON dental_supplies (lower(name)) WHERE archived_at IS NULL;

CREATE TABLE supply_movements (
    id            BIGSERIAL      PRIMARY KEY,
    supply_id     BIGINT         NOT NULL REFERENCES dental_supplies (id),
    kind          VARCHAR(20)    NOT NULL CHECK (kind IN ('receipt', 'consumption')),
    quantity      NUMERIC(12, 3) NOT NULL CHECK (quantity > 0),
    treatment_id  BIGINT         REFERENCES treatments (id),
    note          TEXT,
    stock_after   NUMERIC(12, 3) NOT NULL,
    created_at    TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX supply_movements_supply_idx ON supply_movements (supply_id, id);
