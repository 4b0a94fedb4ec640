-- Placement's last check without serialising creations while the cluster has room to spare (issue 19's burst).
-- V8 locked the cluster's row FOR NO KEY UPDATE in every creation until its commit, so the creations on one cluster
-- committed one at a time, each commit's WAL flush queued behind the template copies of the tenants before it: 100
-- tenants created at once were committed over 14.7 s. Now the row is first locked FOR SHARE, which creations share
-- (their commits flush together) and which still conflicts with a change of the cluster's state or capacity
-- (ClusterRepository.lock), so such a change waits for the creations in flight and the later ones see it.
--
-- Under the shared lock a creation does not see the creations beside it, which have not committed. It is safe when
-- the places taken, plus every transaction that can be open at once on this server (max_connections: each creation
-- holds a connection of its own until its commit), still fit the capacity: the creations in flight can then never
-- together pass it. Otherwise (near capacity) the shared lock is let go by rolling back to the block's savepoint and
-- the row is locked exclusively as V8 did, after every shared holder has committed, and the count sees them all.
-- Upgrading the shared lock in place instead would deadlock two creations that both hold it and both want it.
CREATE OR REPLACE FUNCTION ipsc_lock_cluster_for_placement(cluster_name VARCHAR, deleted VARCHAR)
    RETURNS TABLE (state VARCHAR, capacity INTEGER, tenants BIGINT)
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    cluster_state VARCHAR;
    cluster_capacity INTEGER;
    taken BIGINT;
    open_at_most CONSTANT INTEGER := current_setting('max_connections')::INTEGER;
BEGIN
    BEGIN
        SELECT c.state, c.capacity INTO cluster_state, cluster_capacity
          FROM database_clusters c WHERE c.name = cluster_name FOR SHARE;
        IF NOT FOUND THEN
            RETURN;
        END IF;
        taken := ipsc_cluster_places_taken(cluster_name, deleted);
        IF taken + open_at_most <= cluster_capacity THEN
            RETURN QUERY SELECT cluster_state, cluster_capacity, taken;
            RETURN;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'IPS01', MESSAGE = 'near capacity: lock the cluster exclusively';
    EXCEPTION WHEN SQLSTATE 'IPS01' THEN
        -- The block's savepoint is rolled back: the shared lock is released.
    END;
    -- FOR NO KEY UPDATE, as ClusterRepository.lock explains: it does not conflict with the tenants' foreign-key shares.
    -- Each statement of a volatile function takes a new snapshot, so the count after the lock sees its previous holders.
    PERFORM 1 FROM database_clusters c WHERE c.name = cluster_name FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT c.state, c.capacity, ipsc_cluster_places_taken(cluster_name, deleted)
          FROM database_clusters c WHERE c.name = cluster_name;
END $$;

-- The places a cluster's tenants take: a tenant being moved away from the cluster still holds a place there (as
-- ClusterRepository.tenantCounts counts).
CREATE OR REPLACE FUNCTION ipsc_cluster_places_taken(cluster_name VARCHAR, deleted VARCHAR)
    RETURNS BIGINT
    LANGUAGE sql VOLATILE AS $$
    SELECT (SELECT count(*) FROM tenants t WHERE t.cluster = cluster_name AND t.status <> deleted)
         + (SELECT count(*) FROM tenant_moves m JOIN tenants t ON t.id = m.tenant_id
             WHERE m.state = 'moving' AND m.from_cluster = cluster_name AND t.status <> deleted)
$$;
