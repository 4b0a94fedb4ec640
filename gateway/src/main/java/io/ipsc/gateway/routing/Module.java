package io.ipsc.gateway.routing;

import io.ipsc.tenancy.event.Features;

/** The services behind the gateway, with where they listen by default and the feature that switches them on. */
public enum Module {
    TENANT_SERVICE("tenant-service", "http://127.0.0.1:8081", null),
    INVOICING("invoicing", "http://127.0.0.1:8082", null),
    DENTAL("dental", "http://127.0.0.1:8083", Features.DENTAL_MANAGEMENT),
    MANUFACTURING("manufacturing", "http://127.0.0.1:8084", Features.MANUFACTURING_MANAGEMENT),
    BRANDING("branding", "http://127.0.0.1:8085", null);

    private final String id;
    private final String defaultUrl;
    private final String feature;

    Module(String id, String defaultUrl, String feature) {
        this.id = id;
        this.defaultUrl = defaultUrl;
        this.feature = feature;
    }

    /** Short name, used in configuration ({@code ipsc.upstream.<id>}), metrics and messages. */
    public String id() {
        return id;
    }

    public String defaultUrl() {
        return defaultUrl;
    }

    /** The feature a tenant needs for this module, or null. */
    public String feature() {
        return feature;
    }
}
