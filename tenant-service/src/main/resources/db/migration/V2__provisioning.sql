-- Each service's word on each tenant's database, from ipsc.provisioning.
CREATE TABLE tenant_provisioning (
    tenant_id       BIGINT       NOT NULL REFERENCES tenants (id),
    service         VARCHAR(32)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    schema_version  VARCHAR(32),
    detail          TEXT,
    tenant_version  BIGINT       NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, service)
);
