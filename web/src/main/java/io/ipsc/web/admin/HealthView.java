package io.ipsc.web.admin;

import io.ipsc.client.model.DetailedHealth;
import io.ipsc.client.model.DetailedHealthServicesValue;
import io.ipsc.client.model.SystemStatus;
import io.ipsc.web.format.IndianFormats;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** getDetailedHealth and getSystemStatus together: every service's state, Kafka's, and the installation's counts. */
public record HealthView(boolean healthy, List<Service> services, Boolean tenantDirectoryReady, List<Count> tenantsByStatus,
                         String version, String uptime, String tenantsTotal, String maxTenants, boolean multiTenant) {

    public record Service(String name, String state, String httpStatus, String error) {

        public boolean up() {
            return "up".equals(state);
        }
    }

    public record Count(String status, String count) {
    }

    static HealthView of(DetailedHealth health, SystemStatus status) {
        Map<String, DetailedHealthServicesValue> services = health.getServices() == null ? Map.of() : health.getServices();
        List<Service> rows = new TreeMap<>(services).entrySet().stream().map(e -> {
            DetailedHealthServicesValue s = e.getValue();
            return new Service(e.getKey(), s.getStatus() == null ? "unknown" : s.getStatus().getValue(),
                    s.getHttpStatus() == null ? "—" : s.getHttpStatus().toString(), s.getError());
        }).toList();
        Map<String, Integer> byStatus = status.getTenantsByStatus() != null ? status.getTenantsByStatus()
                : health.getTenantsByStatus() == null ? Map.of() : health.getTenantsByStatus();
        List<Count> counts = new TreeMap<>(byStatus).entrySet().stream()
                .map(e -> new Count(e.getKey(), IndianFormats.number(e.getValue() == null ? null : e.getValue().longValue()))).toList();
        return new HealthView(health.getStatus() == DetailedHealth.StatusEnum.HEALTHY, rows,
                health.getKafka() == null ? null : health.getKafka().getTenantDirectoryReady(), counts, status.getVersion(),
                uptime(status.getUptimeSeconds()), IndianFormats.number(status.getTenantsTotal() == null ? null : status.getTenantsTotal().longValue()),
                IndianFormats.number(status.getMaxTenantsPerInstance() == null ? null : status.getMaxTenantsPerInstance().longValue()),
                Boolean.TRUE.equals(status.getMultiTenantEnabled()));
    }

    public long servicesDown() {
        return services.stream().filter(s -> !s.up()).count();
    }

    /** Uptime as people say it: 3 d 4 h, 2 h 5 min, 40 s. */
    static String uptime(Long seconds) {
        if (seconds == null) {
            return "—";
        }
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
