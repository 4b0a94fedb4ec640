package io.ipsc.web.workspace;

import io.ipsc.web.workspace.Workspace.MenuItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workspace menu from the tenant's enabled features: a section appears only when its feature
 * is on (no dental entries without {@code dental_management}), and Settings only for the tenant's
 * admins (and platform admins). Hiding is for the reader; the gateway refuses a disabled module's
 * requests, and a change by someone without the role, whatever the menu shows.
 */
public final class Menu {

    /** The sections, in menu order, with the feature each needs (null: every tenant). */
    static final List<Section> SECTIONS = List.of(
            new Section("", "Home", null),
            new Section("products", "Products", null),
            new Section("customers", "Customers", null),
            new Section("invoices", "Invoices", null),
            new Section("vendors", "Vendors", null),
            new Section("purchases", "Purchases", null),
            new Section("cashflow", "Cash flow", null),
            new Section("gst", "GST returns", "advanced_reporting"),
            new Section("patients", "Patients", "dental_management"),
            new Section("calendar", "Appointments", "dental_management"),
            new Section("supplies", "Dental supplies", "dental_management", "inventory_management"),
            new Section("boms", "Bills of materials", "manufacturing_management"),
            new Section("production", "Production", "manufacturing_management"),
            new Section("work-centers", "Work centers", "manufacturing_management"));

    private Menu() {
    }

    public static List<MenuItem> of(Map<String, Boolean> features, String base, boolean admin) {
        List<MenuItem> items = new ArrayList<>();
        for (Section s : SECTIONS) {
            if (on(features, s.feature()) && on(features, s.alsoNeeds())) {
                items.add(new MenuItem(s.label(), base + s.path()));
            }
        }
        if (admin) {
            items.add(new MenuItem("Settings", base + "settings"));
        }
        return List.copyOf(items);
    }

    private static boolean on(Map<String, Boolean> features, String feature) {
        return feature == null || Boolean.TRUE.equals(features.get(feature));
    }

    /** A section, the feature it needs, and a second one it needs as well (dental supplies: inventory too). */
    record Section(String path, String label, String feature, String alsoNeeds) {

        Section(String path, String label, String feature) {
            this(path, label, feature, null);
        }
    }
}
