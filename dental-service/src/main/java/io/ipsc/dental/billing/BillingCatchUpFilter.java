package io.ipsc.dental.billing;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * After the tenant guard has admitted a request, lets the relay send what an earlier run of this
 * instance may have left queued for that tenant (once per tenant per start-up).
 */
public class BillingCatchUpFilter {

    @Inject
    TenantContext tenant;
    @Inject
    BillingRelay relay;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
    public void catchUp(ResourceInfo resource) {
        if (resource.getResourceClass() != null && resource.getResourceClass().isAnnotationPresent(TenantScoped.class)) {
            relay.firstRequest(tenant.slug());
        }
    }
}
