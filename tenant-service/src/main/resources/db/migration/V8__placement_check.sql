-- The last check of a tenant's placement, in one round trip (ClusterService.confirmPlacement): lock the cluster's row,
-- then count its tenants. Creations on one cluster take this lock one after the other until their commits, so the
-- fewer round trips between the lock and the commit, the more creations a second: before this function the creating
-- transaction locked, counted, counted the moves away and only then committed, several client round trips under load.
-- A PL/pgSQL function, not one SELECT with subqueries: at READ COMMITTED a statement's snapshot is taken before it waits
-- for the lock, so a count in the locking statement would miss the tenants committed by the lock's previous holder;
-- each statement of a volatile function takes a new snapshot, so the count below sees them.
CREATE OR REPLACE FUNCTION ipsc_lock_cluster_for_placement(cluster_name VARCHAR, deleted VARCHAR)
    RETURNS TABLE (state VARCHAR, capacity INTEGER, tenants BIGINT)
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    -- FOR NO KEY UPDATE, as ClusterRepository.lock explains: it does not conflict with the tenants' foreign-key shares.
    PERFORM 1 FROM database_clusters c WHERE c.name = cluster_name FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- A tenant being moved away from the cluster still holds a place there (as ClusterRepository.tenantCounts counts).
    RETURN QUERY
        SELECT c.state, c.capacity,
               (SELECT count(*) FROM tenants t WHERE t.cluster = cluster_name AND t.status <> deleted)
             + (SELECT count(*) FROM tenant_moves m JOIN tenants t ON t.id = m.tenant_id
                 WHERE m.state = 'moving' AND m.from_cluster = cluster_name AND t.status <> deleted)
          FROM database_clusters c WHERE c.name = cluster_name;
END $$;
