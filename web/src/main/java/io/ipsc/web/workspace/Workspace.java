package io.ipsc.web.workspace;

import java.util.List;

/**
 * A tenant's workspace as its pages frame it: the company's name and logo, where its pages live
 * ({@code base}: {@code /} on its own host, {@code /t/<slug>/} otherwise), its per-tenant stylesheet
 * and the menu its enabled features allow.
 */
public record Workspace(String slug, String companyName, String logoUrl, String base, List<MenuItem> menu) {

    public String stylesheet() {
        return base + "theme.css";
    }

    public record MenuItem(String label, String href) {
    }
}
