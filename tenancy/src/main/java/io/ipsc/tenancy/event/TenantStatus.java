package io.ipsc.tenancy.event;

import java.util.Locale;

/** A tenant's life: provisioning until every service it needs is ready, then active; suspended or deleted by an operator. */
public enum TenantStatus {
    PROVISIONING, ACTIVE, SUSPENDED, DELETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
