package io.ipsc.tenant.move;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class MoveRepository implements PanacheRepositoryBase<TenantMove, Long> {

    /** The tenant's move in progress, or null (the unique index allows one). */
    public Uni<TenantMove> inProgress(long tenantId) {
        return find("tenantId = ?1 and state = ?2", tenantId, TenantMove.MOVING).firstResult();
    }

    /** The tenant's last move, or null when it never moved. */
    public Uni<TenantMove> latest(long tenantId) {
        return find("tenantId", Sort.descending("id"), tenantId).firstResult();
    }

    /** Every move of the tenant, newest first. */
    public Uni<List<TenantMove>> ofTenant(long tenantId) {
        return find("tenantId", Sort.descending("id"), tenantId).list();
    }

    /** Each service's progress on the given moves. */
    public Uni<List<ServiceMoveProgress>> progressOf(List<Long> moveIds) {
        if (moveIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return ServiceMoveProgress.list("moveId in ?1", moveIds);
    }
}
