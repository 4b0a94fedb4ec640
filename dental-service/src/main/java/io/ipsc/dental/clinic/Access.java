package io.ipsc.dental.clinic;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.security.Role;

/** The role rule of the clinic's records: reading is for every member, writing for staff, removing for managers. */
public final class Access {

    private Access() {
    }

    public static void requireStaff(TenantContext tenant) {
        require(tenant, Role.STAFF, "change");
    }

    public static void requireManager(TenantContext tenant) {
        require(tenant, Role.MANAGER, "remove or archive");
    }

    private static void require(TenantContext tenant, Role needed, String what) {
        tenant.requireRole(needed, what + " clinic records");
    }
}
