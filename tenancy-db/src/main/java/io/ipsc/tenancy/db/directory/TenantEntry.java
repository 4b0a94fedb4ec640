package io.ipsc.tenancy.db.directory;

import io.ipsc.tenancy.event.TenantSnapshot;

/** What this service knows of one tenant: its latest snapshot, and its database's state here. */
public record TenantEntry(TenantSnapshot snapshot, String database, TenantState state, String schemaVersion, String detail) {

    public TenantEntry with(TenantState newState, String newSchemaVersion, String newDetail) {
        return new TenantEntry(snapshot, database, newState, newSchemaVersion, newDetail);
    }
}
