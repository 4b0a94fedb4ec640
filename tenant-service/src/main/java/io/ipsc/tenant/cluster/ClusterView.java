package io.ipsc.tenant.cluster;

import java.time.Instant;

/** A database cluster as the API shows it: the registry's row with the tenants placed there now. */
public record ClusterView(String name, String state, int capacity, long tenants, long free, long version,
                          Instant createdAt, Instant updatedAt) {

    static ClusterView of(DatabaseCluster c, long tenants) {
        return new ClusterView(c.name, c.state, c.capacity, tenants, Math.max(0, c.capacity - tenants), c.version,
                c.createdAt, c.updatedAt);
    }
}
