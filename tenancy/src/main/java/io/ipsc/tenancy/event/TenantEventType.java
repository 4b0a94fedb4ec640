package io.ipsc.tenancy.event;

/** What happened to a tenant; the snapshot that goes with it is always complete. */
public enum TenantEventType {
    TENANT_CREATED, TENANT_UPDATED, TENANT_SUSPENDED, TENANT_REACTIVATED, TENANT_DELETED
}
