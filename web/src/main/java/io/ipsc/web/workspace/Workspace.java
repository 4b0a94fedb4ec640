package io.ipsc.web.workspace;

import java.util.List;

/**
 * A tenant's workspace as its pages frame it: the company's name and logo, where its pages live
 * ({@code base}: {@code /} on its own host, {@code /t/<slug>/} otherwise), its per-tenant stylesheet,
 * the menu its enabled features allow, and what the visitor's role lets the pages offer.
 */
public record Workspace(String slug, String companyName, String logoUrl, String base, List<MenuItem> menu, MemberRole role) {

    public String stylesheet() {
        return base + "theme.css";
    }

    /** Whether write buttons are shown (a viewer sees none). */
    public boolean mayWrite() {
        return role.mayWrite();
    }

    /** Whether the tenant's settings may be changed here. */
    public boolean admin() {
        return role.admin();
    }

    public record MenuItem(String label, String href) {
    }
}
