package io.ipsc.tenant.cluster;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A PostgreSQL cluster tenants can be placed on, as the registry keeps it: a name, never an address. */
@Entity
@Table(name = "database_clusters")
public class DatabaseCluster extends PanacheEntityBase {

    @Id
    public String name;
    /** {@code open} (takes new tenants), {@code draining} (keeps its tenants, takes none), {@code closed}. */
    public String state;
    /** How many tenants the cluster may hold. */
    public int capacity;
    /** Optimistic lock, and the version carried by the cluster's snapshot on {@code ipsc.clusters}. */
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
