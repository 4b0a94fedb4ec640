package io.ipsc.tenant.provisioning;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The last report of one service about one tenant's database. */
@Entity
@Table(name = "tenant_provisioning")
@IdClass(ServiceProvisioning.Key.class)
public class ServiceProvisioning extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public Long tenantId;
    @Id
    public String service;
    public String status;
    @Column(name = "schema_version")
    public String schemaVersion;
    public String detail;
    @Column(name = "tenant_version")
    public long tenantVersion;
    /** The cluster the service provisioned on; null in a report from before placement (main). */
    public String cluster;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public Long tenantId;
        public String service;

        public Key() {
        }

        public Key(Long tenantId, String service) {
            this.tenantId = tenantId;
            this.service = service;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(service, k.service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, service);
        }
    }
}
