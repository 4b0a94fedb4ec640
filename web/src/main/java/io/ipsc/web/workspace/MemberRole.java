package io.ipsc.web.workspace;

import io.ipsc.web.session.WebSession.SignedInUser;

/**
 * What the signed-in user may do in one tenant, as far as the pages show it: from the session user's
 * {@code tenants} map (slug → role) and {@code platform_admin}. It only decides which buttons a page
 * offers; every change is still the gateway's to allow or refuse.
 */
public record MemberRole(String role, boolean platformAdmin) {

    public static MemberRole of(SignedInUser user, String slug) {
        String role = user == null || user.tenants() == null ? null : user.tenants().get(slug);
        return new MemberRole(role, user != null && user.platformAdmin());
    }

    /** Tenant admins and platform admins: the tenant's settings. */
    public boolean admin() {
        return platformAdmin || "admin".equalsIgnoreCase(role);
    }

    /** Managers and admins (and platform admins): archiving products, customers and vendors, as the API allows them. */
    public boolean mayManage() {
        return platformAdmin || "manager".equalsIgnoreCase(role) || "admin".equalsIgnoreCase(role);
    }

    /** Anyone but a viewer (or a stranger) may change the tenant's everyday data. */
    public boolean mayWrite() {
        return platformAdmin || (role != null && !"viewer".equalsIgnoreCase(role));
    }
}
