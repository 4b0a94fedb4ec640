package io.ipsc.gateway.routing;

import io.ipsc.tenancy.event.Features;

/**
 * The services behind the gateway, with where they listen by default (their API, and their
 * management interface for {@code /q/health}, {@code /q/openapi}) and the feature that switches them on.
 */
public enum Module {
    TENANT_SERVICE("tenant-service", "http://127.0.0.1:8081", "http://127.0.0.1:9081", null),
    INVOICING("invoicing", "http://127.0.0.1:8082", "http://127.0.0.1:9082", null),
    DENTAL("dental", "http://127.0.0.1:8083", "http://127.0.0.1:9083", Features.DENTAL_MANAGEMENT),
    MANUFACTURING("manufacturing", "http://127.0.0.1:8084", "http://127.0.0.1:9084", Features.MANUFACTURING_MANAGEMENT),
    BRANDING("branding", "http://127.0.0.1:8085", "http://127.0.0.1:9085", null);

    private final String id;
    private final String defaultUrl;
    private final String defaultManagementUrl;
    private final String feature;

    Module(String id, String defaultUrl, String defaultManagementUrl, String feature) {
        this.id = id;
        this.defaultUrl = defaultUrl;
        this.defaultManagementUrl = defaultManagementUrl;
        this.feature = feature;
    }

    /** Short name, used in configuration ({@code ipsc.upstream.<id>}), metrics and messages. */
    public String id() {
        return id;
    }

    public String defaultUrl() {
        return defaultUrl;
    }

    /** The module's management interface ({@code ipsc.upstream.<id>.management}). */
    public String defaultManagementUrl() {
        return defaultManagementUrl;
    }

    /** The feature a tenant needs for this module, or null. */
    public String feature() {
        return feature;
    }
}
