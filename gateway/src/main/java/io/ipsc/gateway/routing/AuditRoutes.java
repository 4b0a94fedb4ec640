package io.ipsc.gateway.routing;

import io.ipsc.tenancy.audit.AuditEntities;
import io.ipsc.tenancy.error.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code /api/audit} is served by every module (each keeps its own tenant's trail), so its owner comes
 * from the query: {@code entity} names a table one module has ({@code invoice} → invoicing, {@code patient}
 * → dental, {@code bom} → manufacturing, {@code branding} → branding); without one, {@code service=}
 * says whose. {@code service=tenants} is the platform database's trail (tenants, memberships, users …),
 * which tenant-service serves to platform admins, for no one tenant.
 */
public final class AuditRoutes {

    public static final String FAMILY = "audit";

    /** The tables each module audits, as their migrations create them (a new table is added here too). */
    private static final Map<Module, Set<String>> TABLES = Map.of(
            Module.INVOICING, Set.of("billed_items", "credit_note_series", "credit_notes", "invoice_lines", "invoice_logo", "invoice_series",
                    "invoices", "parties", "payments", "products", "purchase_lines", "purchase_payments", "purchases", "stock_movements"),
            Module.DENTAL, Set.of("appointments", "billing_outbox", "dental_supplies", "patients", "supply_movements", "treatments"),
            Module.MANUFACTURING, Set.of("bom_components", "bom_operations", "boms", "inspections", "production_order_materials",
                    "production_order_operations", "production_orders", "stock_outbox", "work_center_load", "work_centers"),
            Module.BRANDING, Set.of("branding"));

    private static final Map<String, Module> SERVICES = services();

    private AuditRoutes() {
    }

    /**
     * The module whose trail the request asks for; a 400 {@code AUDIT_SERVICE_REQUIRED} when neither
     * parameter says it (or the entity is in several modules, as {@code module_settings}), a 400
     * {@code UNKNOWN_ENTITY} for an entity no module has.
     */
    public static Module owner(Function<String, String> query) {
        String service = blankToNull(query.apply("service"));
        if (service != null) {
            Module module = SERVICES.get(service.trim().toLowerCase(java.util.Locale.ROOT));
            if (module == null) {
                throw required("No service '" + service + "'");
            }
            return module;
        }
        String entity = blankToNull(query.apply("entity"));
        if (entity == null) {
            throw required("Name the entity (entity=invoice) or the service");
        }
        if (AuditEntities.candidates(entity).contains("module_settings")) {
            throw required("Every module has its settings: say whose");
        }
        for (Map.Entry<Module, Set<String>> tables : TABLES.entrySet()) {
            if (AuditEntities.resolve(entity, tables.getValue()) != null) {
                return tables.getKey();
            }
        }
        Set<String> known = new TreeSet<>();
        TABLES.values().forEach(known::addAll);
        throw ApiException.badRequest("UNKNOWN_ENTITY", "entity", "No audited entity '" + entity + "'; valid: " + String.join(", ", known));
    }

    /** The query of an audit request that names {@code module}'s trail by {@code service=} (the API document's view of it). */
    public static Function<String, String> askingFor(Module module) {
        String service = SERVICES.entrySet().stream().filter(e -> e.getValue() == module).map(Map.Entry::getKey).findFirst().orElse(null);
        return name -> "service".equals(name) ? service : null;
    }

    private static ApiException required(String why) {
        return ApiException.badRequest("AUDIT_SERVICE_REQUIRED", "service",
                why + ": service is one of " + String.join(", ", SERVICES.keySet()));
    }

    private static Map<String, Module> services() {
        Map<String, Module> services = new LinkedHashMap<>();
        services.put("invoicing", Module.INVOICING);
        services.put("dental", Module.DENTAL);
        services.put("manufacturing", Module.MANUFACTURING);
        services.put("branding", Module.BRANDING);
        services.put("tenants", Module.TENANT_SERVICE);
        return services;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
