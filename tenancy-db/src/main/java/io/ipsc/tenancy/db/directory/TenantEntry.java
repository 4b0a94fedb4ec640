package io.ipsc.tenancy.db.directory;

import io.ipsc.tenancy.event.TenantSnapshot;

/**
 * What this service knows of one tenant: its latest snapshot, and its database here: on which
 * cluster, under which name, in which state. The cluster is where the database is, which is the
 * snapshot's placement once provisioned (a move, later, will change the one after the other).
 */
public record TenantEntry(TenantSnapshot snapshot, String cluster, String database, TenantState state, String schemaVersion,
                          String detail) {

    public TenantEntry with(TenantState newState, String newSchemaVersion, String newDetail) {
        return new TenantEntry(snapshot, cluster, database, newState, newSchemaVersion, newDetail);
    }
}
