package io.ipsc.invoicing;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.security.Role;

/** Role rules of this module: staff and above write, managers and above archive. */
public final class Access {

    private Access() {
    }

    public static void require(TenantContext tenant, Role role, String action) {
        tenant.requireRole(role, action);
    }
}
