package io.ipsc.tenant.move;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One service's last word on one move: {@code copying}, {@code catching_up}, {@code switched} or {@code failed}. */
@Entity
@Table(name = "tenant_move_services")
@IdClass(ServiceMoveProgress.Key.class)
public class ServiceMoveProgress extends PanacheEntityBase {

    @Id
    @Column(name = "move_id")
    public Long moveId;
    @Id
    public String service;
    public String state;
    public String detail;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public Long moveId;
        public String service;

        public Key() {
        }

        public Key(Long moveId, String service) {
            this.moveId = moveId;
            this.service = service;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(moveId, k.moveId) && Objects.equals(service, k.service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(moveId, service);
        }
    }
}
