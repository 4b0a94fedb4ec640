-- The manufacturing domain: work centers, multi-level bills of materials, production orders with
-- their fixed requirements and scheduled operations, inspections, and the stock-movement outbox.
-- Quantities and money are numeric; product ids refer to the tenant's products in invoicing-service.

CREATE TABLE work_centers (
    id           BIGSERIAL PRIMARY KEY,
    name         VARCHAR(200)  NOT NULL UNIQUE,
    description  TEXT,
    -- Productive hours the work center offers per day (several machines or people count together).
    capacity     NUMERIC(12, 2) NOT NULL CHECK (capacity > 0),
    efficiency   NUMERIC(5, 4)  NOT NULL CHECK (efficiency > 0 AND efficiency <= 1),
    hourly_cost  NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (hourly_cost >= 0),
    created_at   TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ    NOT NULL DEFAULT now()
);

CREATE TABLE boms (
    id           BIGSERIAL PRIMARY KEY,
    bom_code     VARCHAR(50)  NOT NULL,
    product_id   BIGINT       NOT NULL,
    description  TEXT,
    version      VARCHAR(20)  NOT NULL,
    is_active    BOOLEAN      NOT NULL DEFAULT true,
    is_default   BOOLEAN      NOT NULL DEFAULT true,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (bom_code, version)
);
-- One active default BOM per product: the one that explosion follows for a sub-assembly.
CREATE UNIQUE INDEX boms_one_default_per_product ON boms (product_id) WHERE is_default AND is_active;

CREATE TABLE bom_components (
    id                 BIGSERIAL PRIMARY KEY,
    bom_id             BIGINT        NOT NULL REFERENCES boms (id) ON DELETE CASCADE,
    product_id         BIGINT        NOT NULL,
    quantity_per_unit  NUMERIC(14, 4) NOT NULL CHECK (quantity_per_unit > 0),
    scrap_percent      NUMERIC(5, 2)  NOT NULL DEFAULT 0 CHECK (scrap_percent >= 0 AND scrap_percent < 100),
    unit_cost          NUMERIC(14, 4) NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
    created_at         TIMESTAMPTZ    NOT NULL DEFAULT now(),
    UNIQUE (bom_id, product_id)
);

CREATE TABLE bom_operations (
    id                BIGSERIAL PRIMARY KEY,
    bom_id            BIGINT        NOT NULL REFERENCES boms (id) ON DELETE CASCADE,
    sequence          INTEGER       NOT NULL CHECK (sequence > 0),
    name              VARCHAR(200)  NOT NULL,
    work_center_id    BIGINT        NOT NULL REFERENCES work_centers (id),
    setup_minutes     NUMERIC(10, 2) NOT NULL DEFAULT 0 CHECK (setup_minutes >= 0),
    minutes_per_unit  NUMERIC(12, 4) NOT NULL DEFAULT 0 CHECK (minutes_per_unit >= 0),
    created_at        TIMESTAMPTZ    NOT NULL DEFAULT now(),
    UNIQUE (bom_id, sequence)
);

CREATE TABLE production_orders (
    id                 BIGSERIAL PRIMARY KEY,
    order_number       VARCHAR(50)   NOT NULL UNIQUE,
    bom_id             BIGINT        NOT NULL REFERENCES boms (id),
    product_id         BIGINT        NOT NULL,
    quantity           NUMERIC(14, 4) NOT NULL CHECK (quantity > 0),
    start_date         DATE          NOT NULL,
    due_date           DATE          NOT NULL CHECK (due_date >= start_date),
    status             VARCHAR(20)   NOT NULL DEFAULT 'planned',
    -- Fixed at release, so that a later BOM version does not change a released order.
    bom_version        VARCHAR(20),
    good_quantity      NUMERIC(14, 4),
    rejected_quantity  NUMERIC(14, 4),
    notes              TEXT,
    released_at        TIMESTAMPTZ,
    started_at         TIMESTAMPTZ,
    completed_at       TIMESTAMPTZ,
    cancelled_at       TIMESTAMPTZ,
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- The flattened raw-material requirement, fixed when the order is released.
CREATE TABLE production_order_materials (
    order_id    BIGINT        NOT NULL REFERENCES production_orders (id) ON DELETE CASCADE,
    product_id  BIGINT        NOT NULL,
    quantity    NUMERIC(18, 4) NOT NULL,
    unit_cost   NUMERIC(14, 4) NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

-- The order's operations as scheduled at release, copied from the BOM so later edits do not move them.
CREATE TABLE production_order_operations (
    id                BIGSERIAL PRIMARY KEY,
    order_id          BIGINT        NOT NULL REFERENCES production_orders (id) ON DELETE CASCADE,
    sequence          INTEGER       NOT NULL,
    name              VARCHAR(200)  NOT NULL,
    work_center_id    BIGINT        NOT NULL REFERENCES work_centers (id),
    duration_minutes  NUMERIC(14, 2) NOT NULL,
    planned_start     DATE          NOT NULL,
    planned_end       DATE          NOT NULL
);

-- Minutes of each scheduled operation per work center and day: what the load report adds up.
CREATE TABLE work_center_load (
    operation_id    BIGINT        NOT NULL REFERENCES production_order_operations (id) ON DELETE CASCADE,
    work_center_id  BIGINT        NOT NULL REFERENCES work_centers (id),
    day             DATE          NOT NULL,
    minutes         NUMERIC(14, 2) NOT NULL,
    PRIMARY KEY (operation_id, day)
);
CREATE INDEX work_center_load_by_day ON work_center_load (work_center_id, day);

CREATE TABLE inspections (
    id             BIGSERIAL PRIMARY KEY,
    order_id       BIGINT        NOT NULL REFERENCES production_orders (id) ON DELETE CASCADE,
    sample_size    INTEGER       NOT NULL CHECK (sample_size > 0),
    passed         INTEGER       NOT NULL CHECK (passed >= 0),
    failed         INTEGER       NOT NULL CHECK (failed >= 0),
    defect_codes   TEXT[]        NOT NULL DEFAULT '{}',
    readings       JSONB         NOT NULL DEFAULT '[]',
    result         VARCHAR(20)   NOT NULL,
    -- A failed inspection blocks completion until someone decides what happens to the lot.
    decision       VARCHAR(20),
    decided_at     TIMESTAMPTZ,
    notes          TEXT,
    created_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK (passed + failed <= sample_size)
);

-- Stock movements written in the completion's transaction and published to Kafka afterwards.
CREATE TABLE stock_outbox (
    id           BIGSERIAL PRIMARY KEY,
    movement_id  VARCHAR(200) NOT NULL UNIQUE,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at      TIMESTAMPTZ
);
CREATE INDEX stock_outbox_pending ON stock_outbox (id) WHERE sent_at IS NULL;
