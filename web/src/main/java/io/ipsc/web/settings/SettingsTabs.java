package io.ipsc.web.settings;

import io.ipsc.web.workspace.Visits.Visit;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings' own navigation, and whether its pages offer changes. Plan and usage is listed for
 * admins only (the API answers it to them only), Clinic for a tenant with dental_management only; every
 * member may look at the rest.
 */
public record SettingsTabs(String base, List<Tab> tabs, boolean mayChange) {

    public record Tab(String id, String label, String href, boolean current) {
    }

    static SettingsTabs of(Visit visit, String current) {
        String base = visit.workspace().base() + "settings";
        boolean admin = visit.workspace().admin();
        List<Tab> tabs = new ArrayList<>();
        tabs.add(new Tab("profile", "Profile", base, current.equals("profile")));
        tabs.add(new Tab("branding", "Branding", base + "/branding", current.equals("branding")));
        tabs.add(new Tab("invoicing", "Invoicing", base + "/invoicing", current.equals("invoicing")));
        if (visit.tenant().getFeatures() != null && Boolean.TRUE.equals(visit.tenant().getFeatures().get("dental_management"))) {
            tabs.add(new Tab("clinic", "Clinic", base + "/clinic", current.equals("clinic")));
        }
        tabs.add(new Tab("features", "Features", base + "/features", current.equals("features")));
        tabs.add(new Tab("members", "Members", base + "/members", current.equals("members")));
        if (admin) {
            tabs.add(new Tab("usage", "Plan and usage", base + "/usage", current.equals("usage")));
        }
        return new SettingsTabs(base, List.copyOf(tabs), admin);
    }
}
