package io.ipsc.tenancy.event;

import java.util.Locale;

/** A tenant's life: provisioning until every service it needs is ready, then active; suspended or deleted by an operator. */
public enum TenantStatus {
    PROVISIONING, ACTIVE, SUSPENDED, DELETED;

    /** Computed once: the gateway compares three of these with a tenant's status on every request it forwards. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
