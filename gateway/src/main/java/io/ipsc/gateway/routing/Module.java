package io.ipsc.gateway.routing;

/**
 * The services behind the gateway, with where they listen by default (their API, and their
 * management interface for {@code /q/health}, {@code /q/openapi}). The feature that switches a module on is
 * {@link io.ipsc.tenancy.event.ServiceNeeds}'s, by the module's id.
 */
public enum Module {
    TENANT_SERVICE("tenant-service", "http://127.0.0.1:8081", "http://127.0.0.1:9081"),
    INVOICING("invoicing", "http://127.0.0.1:8082", "http://127.0.0.1:9082"),
    DENTAL("dental", "http://127.0.0.1:8083", "http://127.0.0.1:9083"),
    MANUFACTURING("manufacturing", "http://127.0.0.1:8084", "http://127.0.0.1:9084"),
    BRANDING("branding", "http://127.0.0.1:8085", "http://127.0.0.1:9085");

    private final String id;
    private final String defaultUrl;
    private final String defaultManagementUrl;

    Module(String id, String defaultUrl, String defaultManagementUrl) {
        this.id = id;
        this.defaultUrl = defaultUrl;
        this.defaultManagementUrl = defaultManagementUrl;
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
}
