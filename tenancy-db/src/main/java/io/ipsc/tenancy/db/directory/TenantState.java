package io.ipsc.tenancy.db.directory;

/** Where a tenant's database stands in this service. */
public enum TenantState {
    /** The snapshot arrived; the database is being created or migrated. */
    PROVISIONING,
    /** Migrated and serving. */
    READY,
    /** This service is not switched on for the tenant (its feature is off); any data is kept. */
    NOT_ENABLED,
    /** Creating or migrating failed after retries; see the detail. */
    FAILED,
    /** The tenant was deleted and its database archived. */
    ARCHIVED
}
