package io.ipsc.local;

import java.util.List;
import java.util.Optional;

/**
 * The suite's services: the one table that says which exist, where they are built and on which ports
 * they listen, the API's and the management interface's (design, section 2). The {@code ipsc} script
 * reads it through {@link #main(String[])}.
 */
public final class Services {

    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", "gateway", 8000, 9000);
    public static final ServiceSpec TENANT_SERVICE = new ServiceSpec("tenant-service", "tenant-service", 8081, 9081);
    /** The web app: it calls only the gateway, so it starts once the rest of the suite is ready. */
    public static final ServiceSpec WEB = new ServiceSpec("web", "web", 5173, 9173);

    /**
     * In start order. tenant-service comes first and is awaited alone: it publishes the signing keys
     * that every other service needs to be ready (the launcher creates the topics before it). The
     * web app comes last, after the gateway it calls.
     */
    public static final List<ServiceSpec> ALL = List.of(
            TENANT_SERVICE,
            new ServiceSpec("invoicing-service", "invoicing-service", 8082, 9082),
            new ServiceSpec("dental-service", "dental-service", 8083, 9083),
            new ServiceSpec("manufacturing-service", "manufacturing-service", 8084, 9084),
            new ServiceSpec("branding-service", "branding-service", 8085, 9085),
            GATEWAY,
            WEB);

    /**
     * The domain services: each keeps a database per tenant (and spare copies of its template) on every cluster.
     * The others (tenant-service, the gateway, the web app) keep none.
     */
    public static final List<ServiceSpec> WITH_TENANT_DATABASES = ALL.stream()
            .filter(s -> s != TENANT_SERVICE && s != GATEWAY && s != WEB)
            .toList();

    private Services() {
    }

    public static Optional<ServiceSpec> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Prints {@code NAME MODULE PORT MANAGEMENT_PORT}, one service a line, for the shell script. */
    public static void main(String[] args) {
        for (ServiceSpec s : ALL) {
            System.out.println(s.name() + " " + s.module() + " " + s.port() + " " + s.managementPort());
        }
    }
}
