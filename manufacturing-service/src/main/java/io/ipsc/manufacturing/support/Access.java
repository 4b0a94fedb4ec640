package io.ipsc.manufacturing.support;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.security.Role;

/** What a member's role allows here: reading for every member, writing from staff up, deleting from manager up. */
public final class Access {

    private Access() {
    }

    public static void requireWrite(TenantContext tenant) {
        require(tenant, Role.STAFF, "change manufacturing data");
    }

    public static void requireDelete(TenantContext tenant) {
        require(tenant, Role.MANAGER, "delete manufacturing data");
    }

    private static void require(TenantContext tenant, Role needed, String what) {
        tenant.requireRole(needed, what);
    }
}
