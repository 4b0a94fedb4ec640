package io.ipsc.gateway.routing;

import io.ipsc.tenancy.event.Features;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which module owns which URL: the first segment after {@code /api/} (or after
 * {@code /api/tenants/{slug}/}) decides. A new module's routes are added here, and nowhere else.
 */
public final class RouteTable {

    /** A tenant's resource family: its owner, and a feature the tenant needs beyond the module's own (or null). */
    public record Route(Module module, String feature) {
    }

    private static final Map<String, Route> TENANT_SCOPED = Map.ofEntries(
            Map.entry("products", new Route(Module.INVOICING, null)),
            Map.entry("customers", new Route(Module.INVOICING, null)),
            Map.entry("vendors", new Route(Module.INVOICING, null)),
            Map.entry("invoices", new Route(Module.INVOICING, null)),
            Map.entry("credit-notes", new Route(Module.INVOICING, null)),
            Map.entry("purchases", new Route(Module.INVOICING, null)),
            Map.entry("payments", new Route(Module.INVOICING, null)),
            Map.entry("cashflow", new Route(Module.INVOICING, null)),
            Map.entry("gst", new Route(Module.INVOICING, null)),
            Map.entry("stock", new Route(Module.INVOICING, Features.INVENTORY_MANAGEMENT)),
            Map.entry("reports", new Route(Module.INVOICING, Features.ADVANCED_REPORTING)),
            Map.entry("patients", new Route(Module.DENTAL, null)),
            Map.entry("appointments", new Route(Module.DENTAL, null)),
            Map.entry("treatments", new Route(Module.DENTAL, null)),
            Map.entry("treatment-plans", new Route(Module.DENTAL, null)),
            Map.entry("dental-supplies", new Route(Module.DENTAL, Features.INVENTORY_MANAGEMENT)),
            Map.entry("boms", new Route(Module.MANUFACTURING, null)),
            Map.entry("production-orders", new Route(Module.MANUFACTURING, null)),
            Map.entry("work-centers", new Route(Module.MANUFACTURING, null)),
            Map.entry("inspections", new Route(Module.MANUFACTURING, null)),
            Map.entry("branding", new Route(Module.BRANDING, null)));

    // "performance" under a tenant is answered by the gateway itself (GatewayRoutes#tenantPerformance).
    /** tenant-service's own paths under {@code /api/tenants/{slug}/}: it checks its callers itself. */
    private static final Set<String> TENANT_SERVICE_UNDER_TENANT = Set.of(
            "users", "features", "subscription", "config", "suspend", "reactivate", "provisioning", "usage");

    /** Module paths that describe the installation, not one tenant: token required, no tenant. */
    private static final Set<String> INSTALLATION_WIDE = Set.of("/api/branding/templates", "/api/branding/status");

    /** First segments after {@code /api/} that tenant-service owns outright. */
    private static final Set<String> TENANT_SERVICE_ROOTS = Set.of("tenants", "users", "auth", "database", "security", "invitations");

    private RouteTable() {
    }

    public static Optional<Route> tenantScoped(String segment) {
        return Optional.ofNullable(TENANT_SCOPED.get(segment));
    }

    public static boolean installationWide(String path) {
        return INSTALLATION_WIDE.contains(path);
    }

    public static boolean tenantServiceUnderTenant(String segment) {
        return TENANT_SERVICE_UNDER_TENANT.contains(segment);
    }

    public static boolean tenantServiceRoot(String segment) {
        return TENANT_SERVICE_ROOTS.contains(segment);
    }
}
