package io.ipsc.invoicing;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.security.Role;

/**
 * Kept only for {@code invoice/NoteService}, which another branch (the GST notes) is changing at the
 * same time: every other caller calls {@link TenantContext#requireRole} directly. At the merge,
 * NoteService's one call becomes {@code tenant.requireRole(...)} and this class goes.
 */
@Deprecated(forRemoval = true)
public final class Access {

    private Access() {
    }

    public static void require(TenantContext tenant, Role role, String action) {
        tenant.requireRole(role, action);
    }
}
