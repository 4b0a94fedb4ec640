-- A tenant's moves from one database cluster to another (issue 20). The tenant's own row holds where it
-- is placed now; this table holds how it got there: one row per move, and each service's progress on it.
CREATE TABLE tenant_moves (
    id                 BIGSERIAL    PRIMARY KEY,
    tenant_id          BIGINT       NOT NULL REFERENCES tenants (id),
    from_cluster       VARCHAR(31)  NOT NULL REFERENCES database_clusters (name),
    to_cluster         VARCHAR(31)  NOT NULL REFERENCES database_clusters (name),
    -- The placement version that put the tenant on to_cluster, and the version of the snapshot that carried it:
    -- a service's report completes the move only if it is about that snapshot or a later one.
    placement_version  BIGINT       NOT NULL,
    tenant_version     BIGINT       NOT NULL,
    state              VARCHAR(16)  NOT NULL CHECK (state IN ('moving', 'switched', 'failed')),
    started_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at        TIMESTAMPTZ,
    error              TEXT,
    CHECK (from_cluster <> to_cluster)
);
-- One move at a time per tenant: two requests at once cannot both start one.
CREATE UNIQUE INDEX tenant_moves_one_at_a_time ON tenant_moves (tenant_id) WHERE state = 'moving';
CREATE INDEX tenant_moves_by_tenant ON tenant_moves (tenant_id, id DESC);

-- Each service's word on a move, kept when the move ends (the services' own rows in tenant_provisioning go
-- on to later snapshots, a rollback's included).
CREATE TABLE tenant_move_services (
    move_id     BIGINT       NOT NULL REFERENCES tenant_moves (id),
    service     VARCHAR(32)  NOT NULL,
    state       VARCHAR(16)  NOT NULL CHECK (state IN ('moving', 'copying', 'catching_up', 'switched', 'failed')),
    detail      TEXT,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (move_id, service)
);
