-- The database clusters tenants are placed on (issue 20). A cluster is named here, never addressed:
-- each service finds the address and credentials of a cluster in its own configuration by the name.
CREATE TABLE database_clusters (
    name        VARCHAR(31)  PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9]{0,30}$'),
    state       VARCHAR(16)  NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'draining', 'closed')),
    capacity    INTEGER      NOT NULL CHECK (capacity >= 0),
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Every existing tenant lives on main: the cluster must exist before the column refers to it. Its
-- capacity is the documented default, or the tenants already there if they are more; the bootstrap
-- (DatabaseClusterBootstrap) adds the clusters that IPSC_CLUSTERS names and the registry lacks.
INSERT INTO database_clusters (name, state, capacity)
SELECT 'main', 'open', GREATEST(5000, count(*)) FROM tenants HAVING count(*) > 0;

ALTER TABLE tenants ADD COLUMN cluster VARCHAR(31) NOT NULL DEFAULT 'main' REFERENCES database_clusters (name);
-- Grows each time the tenant's cluster changes (a move), so that services tell a move from a replay.
ALTER TABLE tenants ADD COLUMN placement_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX tenants_cluster_idx ON tenants (cluster) WHERE status <> 'deleted';

-- The cluster each service reported provisioning a tenant on (NULL: a report from before placement, main).
ALTER TABLE tenant_provisioning ADD COLUMN cluster VARCHAR(31);
