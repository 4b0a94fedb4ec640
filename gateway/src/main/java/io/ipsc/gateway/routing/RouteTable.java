package io.ipsc.gateway.routing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which module owns which URL: the first segment after {@code /api/} (or after
 * {@code /api/tenants/{slug}/}) decides. A new module's routes are added here, and nowhere else.
 */
public final class RouteTable {

    /**
     * A tenant's resource family (the first segment after {@code /api/}) and its owner. Which
     * features a family needs is not said here but in {@link io.ipsc.tenancy.event.FeatureGates},
     * the table the owning services enforce as well.
     */
    public record Route(String family, Module module) {
    }

    private static final Map<String, Route> TENANT_SCOPED = Map.ofEntries(
            route("products", Module.INVOICING),
            route("customers", Module.INVOICING),
            route("vendors", Module.INVOICING),
            route("invoices", Module.INVOICING),
            route("credit-notes", Module.INVOICING),
            route("debit-notes", Module.INVOICING),
            route("purchases", Module.INVOICING),
            route("payments", Module.INVOICING),
            route("cashflow", Module.INVOICING),
            route("gst", Module.INVOICING),
            route("stock", Module.INVOICING),
            route("reports", Module.INVOICING),
            route("patients", Module.DENTAL),
            route("appointments", Module.DENTAL),
            route("treatments", Module.DENTAL),
            route("treatment-plans", Module.DENTAL),
            route("dental-supplies", Module.DENTAL),
            route("boms", Module.MANUFACTURING),
            route("production-orders", Module.MANUFACTURING),
            route("work-centers", Module.MANUFACTURING),
            route("inspections", Module.MANUFACTURING),
            route("branding", Module.BRANDING),
            // Served by every module; PathRouter#route(path, query) picks the owner (AuditRoutes).
            route(AuditRoutes.FAMILY, Module.INVOICING));

    // "performance" under a tenant is answered by the gateway itself (GatewayRoutes#tenantPerformance).
    /**
     * tenant-service's own paths under {@code /api/tenants/{slug}/}: it checks its callers itself (a move and the
     * list of moves, platform administrators only).
     */
    private static final Set<String> TENANT_SERVICE_UNDER_TENANT = Set.of(
            "users", "invitations", "features", "subscription", "config", "suspend", "reactivate", "provisioning", "usage", "export",
            "move", "moves");

    /** Module paths that describe the installation, not one tenant: token required, no tenant. */
    private static final Set<String> INSTALLATION_WIDE = Set.of("/api/branding/templates", "/api/branding/status");

    /** First segments after {@code /api/} that tenant-service owns outright. */
    private static final Set<String> TENANT_SERVICE_ROOTS = Set.of("tenants", "users", "auth", "database", "security", "invitations", "signup", "events");

    private RouteTable() {
    }

    private static Map.Entry<String, Route> route(String family, Module module) {
        return Map.entry(family, new Route(family, module));
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
