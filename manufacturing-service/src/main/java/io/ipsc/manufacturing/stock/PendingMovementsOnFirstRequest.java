package io.ipsc.manufacturing.stock;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Movements left pending by a crash or a restart (committed, not yet published) are otherwise only
 * retried by the timer of the process that wrote them. This sends them with the first request this
 * process serves for the tenant, once, after the tenant guard has admitted the request.
 */
public class PendingMovementsOnFirstRequest {

    private final StockMovementPublisher publisher;
    private final TenantContext tenant;

    public PendingMovementsOnFirstRequest(StockMovementPublisher publisher, TenantContext tenant) {
        this.publisher = publisher;
        this.tenant = tenant;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
    public void publishLeftovers(ResourceInfo resource) {
        if (resource.getResourceClass() == null || !resource.getResourceClass().isAnnotationPresent(TenantScoped.class)) {
            return;
        }
        publisher.publishPendingOnce(tenant.slug());
    }
}
