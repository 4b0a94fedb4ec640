package io.ipsc.tenant.move;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One move of a tenant's databases from one cluster to another, as {@code POST /api/tenants/{slug}/move} started it. */
@Entity
@Table(name = "tenant_moves")
public class TenantMove extends PanacheEntityBase {

    public static final String MOVING = "moving";
    public static final String SWITCHED = "switched";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "tenant_id")
    public Long tenantId;
    @Column(name = "from_cluster")
    public String fromCluster;
    @Column(name = "to_cluster")
    public String toCluster;
    /** The placement version that put the tenant on {@link #toCluster}. */
    @Column(name = "placement_version")
    public long placementVersion;
    /** The version of the snapshot that carried the new placement: only reports about it or later count. */
    @Column(name = "tenant_version")
    public long tenantVersion;
    /** {@code moving}, then {@code switched} (every needed service serves from the target) or {@code failed} (rolled back). */
    public String state;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** Why it failed: the failing service and its detail. */
    public String error;
}
