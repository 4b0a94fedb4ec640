package io.ipsc.tenancy.audit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How {@code GET /api/audit?entity=} names a table: by the table's own name ({@code invoice_lines}) or a
 * friendly one ({@code invoice}, {@code credit-note}, {@code customer}). The services resolve it against
 * the tables they audit, the gateway against the tables it knows each module to have; both the same way.
 */
public final class AuditEntities {

    /** Friendly names that are not a table's name in the singular. */
    private static final Map<String, String> ALIASES = Map.of(
            "customer", "parties", "customers", "parties", "vendor", "parties", "vendors", "parties",
            "supply", "dental_supplies", "supplies", "dental_supplies", "settings", "module_settings",
            "order", "production_orders", "orders", "production_orders");

    private AuditEntities() {
    }

    /** The table names {@code entity} may mean, most likely first (the name itself, then its plurals). */
    public static List<String> candidates(String entity) {
        String name = entity.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        Set<String> names = new LinkedHashSet<>();
        names.add(name);
        if (ALIASES.containsKey(name)) {
            names.add(ALIASES.get(name));
        }
        names.add(name + "s");
        names.add(name + "es");
        if (name.endsWith("y")) {
            names.add(name.substring(0, name.length() - 1) + "ies");
        }
        return List.copyOf(names);
    }

    /** The first of {@code entity}'s candidates among {@code tables}, or null. */
    public static String resolve(String entity, Set<String> tables) {
        return candidates(entity).stream().filter(tables::contains).findFirst().orElse(null);
    }
}
