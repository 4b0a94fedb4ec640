package io.ipsc.tenant.membership;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A user's role in one tenant. */
@Entity
@Table(name = "memberships")
@IdClass(Membership.Key.class)
public class Membership extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public Long tenantId;
    @Id
    @Column(name = "user_id")
    public Long userId;
    public String role;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public Long tenantId;
        public Long userId;

        public Key() {
        }

        public Key(Long tenantId, Long userId) {
            this.tenantId = tenantId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, userId);
        }
    }
}
