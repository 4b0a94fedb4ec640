package io.ipsc.web.admin;

import io.ipsc.client.model.ProvisioningView;
import io.ipsc.client.model.TenantConfig;
import io.ipsc.client.model.TenantView;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One service's provisioning of a tenant: its report (getTenant) and the database it was given
 * (getTenantConfig). A service with a database but no report yet shows as waiting.
 */
public record ServiceProvisioning(String service, String status, String detail, String schemaVersion, String database,
                                  OffsetDateTime updatedAt) {

    public static List<ServiceProvisioning> of(TenantView tenant, TenantConfig config) {
        Map<String, ProvisioningView> reports = tenant.getProvisioning() == null ? Map.of() : tenant.getProvisioning();
        Map<String, String> databases = config == null || config.getDatabases() == null ? Map.of() : config.getDatabases();
        TreeMap<String, ServiceProvisioning> byService = new TreeMap<>();
        databases.forEach((service, database) -> byService.put(service,
                new ServiceProvisioning(service, "WAITING", null, null, database, null)));
        reports.forEach((service, report) -> byService.put(service, new ServiceProvisioning(service, report.getStatus(),
                report.getDetail(), report.getSchemaVersion(), databases.get(service), report.getUpdatedAt())));
        return List.copyOf(byService.values());
    }

    public static boolean anyFailed(List<ServiceProvisioning> services) {
        return services.stream().anyMatch(ServiceProvisioning::failed);
    }

    public boolean done() {
        return "PROVISIONED".equalsIgnoreCase(status);
    }

    public boolean failed() {
        return "FAILED".equalsIgnoreCase(status);
    }
}
