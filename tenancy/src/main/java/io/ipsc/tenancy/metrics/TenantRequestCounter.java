package io.ipsc.tenancy.metrics;

import io.ipsc.tenancy.TenantSlug;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * {@code ipsc_requests_total{service, tenant, method, status}}: every answer of a REST resource in
 * this service, by the tenant named in {@code X-Tenant-ID} (as the gateway sets it) or {@code none},
 * and by status class ({@code 2xx}, {@code 4xx}, {@code 5xx}). Refusals by the filters count too:
 * response filters also see aborted requests.
 * <p>
 * Only requests matched to a resource are counted, so the gateway, whose routes are plain Vert.x
 * and which counts {@code ipsc_gateway_requests_total} itself, counts nothing twice. Latency stays in
 * Quarkus' tenant-free {@code http_server_requests_seconds}.
 */
public class TenantRequestCounter {

    public static final String REQUESTS = "ipsc_requests";
    static final String TENANT_HEADER = "X-Tenant-ID";

    @Inject
    TenantMetrics metrics;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return;
        }
        metrics.increment(REQUESTS, tenantOf(request.getHeaderString(TENANT_HEADER)),
                "service", service, "method", request.getMethod(), "status", statusClass(response.getStatus()));
    }

    /** A well-formed slug, or {@code none}: a malformed header must not become a series of its own. */
    static String tenantOf(String header) {
        if (header == null) {
            return TenantMetrics.NO_TENANT;
        }
        String slug = header.trim();
        return TenantSlug.isValid(slug) ? slug : TenantMetrics.NO_TENANT;
    }

    static String statusClass(int status) {
        return (status / 100) + "xx";
    }
}
