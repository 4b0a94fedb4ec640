package io.ipsc.local;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a person needs once the suite is up: where to call, where the logs are, how to reach the servers. */
public record ReadySummary(
        StateDir state,
        List<ServiceProcess> running,
        List<ServiceSpec> notBuilt,
        Map<String, PostgresAddress> clusters,
        boolean postgresEmbedded,
        String kafka,
        boolean kafkaEmbedded,
        AdminCredentials admin,
        Map<String, String> postgresDurability,
        Map<String, String> kafkaDurability,
        StartupSteps startup) {

    public ReadySummary {
        clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
    }

    /** Cluster {@code main}'s server, which holds the platform database (and is the only one unless IPSC_PG_CLUSTERS=2). */
    public PostgresAddress postgres() {
        return clusters.get(LocalClusters.MAIN);
    }

    /** The gateway when it runs, as clients would call it; tenant-service until the gateway is built. */
    public Optional<ServiceSpec> entryPoint() {
        return runs(Services.GATEWAY).or(() -> runs(Services.TENANT_SERVICE));
    }

    /** By name: a run on other ports (the end-to-end tests) has the same services. */
    private Optional<ServiceSpec> runs(ServiceSpec spec) {
        return running.stream().map(ServiceProcess::spec).filter(s -> s.name().equals(spec.name())).findFirst();
    }

    public String text() {
        StringBuilder out = new StringBuilder("IPSC is up.\n\n");
        line(out, "Call", entryPoint()
                .map(s -> s.url() + (s.name().equals(Services.GATEWAY.name()) ? "" : "  (" + s.name() + "; the gateway is not built yet)"))
                .orElse("nothing yet: no service is built (mvn -DskipTests install builds them)"));
        runs(Services.WEB).ifPresent(web -> line(out, "Web app", web.url() + "/  (sign in as the admin below; "
                + "/tenant-setup; a tenant's workspace at http://<slug>.localhost:" + web.port() + "/)"));
        for (ServiceProcess s : running) {
            line(out, s == running.get(0) ? "Services" : "",
                    String.format("%-22s %s  pid %d  (health, metrics: %s/q/)", s.spec().name(), s.spec().url(), s.pid(),
                            s.spec().managementUrl()));
        }
        if (!notBuilt.isEmpty()) {
            line(out, "Not built", notBuilt.stream().map(ServiceSpec::name).collect(Collectors.joining(", ")));
        }
        line(out, "Logs", state.logs() + "/<service>.log  (./ipsc logs <service>)");
        PostgresAddress postgres = postgres();
        for (Map.Entry<String, PostgresAddress> cluster : clusters.entrySet()) {
            PostgresAddress server = cluster.getValue();
            String name = clusters.size() > 1 ? "cluster " + cluster.getKey() + ": " : "";
            line(out, cluster.getKey().equals(LocalClusters.MAIN) ? "PostgreSQL" : "", name + server.display()
                    + (postgresEmbedded ? ", password " + server.password() + ", data in " + state.postgresData(cluster.getKey()) : ""));
        }
        line(out, "", postgres.psqlCommand(Launcher.PLATFORM_DATABASE) + "  (or ./ipsc psql)");
        line(out, "", "durability: " + postgresDurabilityText());
        line(out, "Kafka", kafka + (kafkaEmbedded ? "  (data in " + state.kafkaData() + ")" : ""));
        line(out, "", "durability: " + kafkaDurabilityText());
        line(out, "Admin", admin.email() + ", password in " + state.adminPasswordFile());
        line(out, "Token", "curl -H \"Authorization: Bearer $(./ipsc token)\" "
                + entryPoint().orElse(Services.TENANT_SERVICE).url() + "/api/tenants");
        line(out, "Started in", startup.text());
        out.append("\nStop with ./ipsc down; ./ipsc status shows what runs.\n");
        return out.toString();
    }

    /** KEY=VALUE lines for the script, which must not parse the human text. */
    public String endpoints() {
        PostgresAddress postgres = postgres();
        StringBuilder clusterLines = new StringBuilder("IPSC_CLUSTERS=" + String.join(",", clusters.keySet()) + "\n");
        clusters.forEach((name, server) -> {
            if (!name.equals(LocalClusters.MAIN)) {
                clusterLines.append(LocalClusters.variable(name, "HOST")).append('=').append(server.host()).append('\n')
                        .append(LocalClusters.variable(name, "PORT")).append('=').append(server.port()).append('\n')
                        .append(LocalClusters.variable(name, "USER")).append('=').append(server.user()).append('\n');
            }
        });
        return "IPSC_URL=" + entryPoint().map(ServiceSpec::url).orElse("") + "\n"
                + "IPSC_PG_HOST=" + postgres.host() + "\n"
                + "IPSC_PG_PORT=" + postgres.port() + "\n"
                + "IPSC_PG_USER=" + postgres.user() + "\n"
                + "IPSC_PG_EMBEDDED=" + postgresEmbedded + "\n"
                + clusterLines
                + "KAFKA_BOOTSTRAP_SERVERS=" + kafka + "\n"
                + "IPSC_PG_DURABILITY=" + postgresDurabilityText() + "\n"
                + "IPSC_KAFKA_DURABILITY=" + kafkaDurabilityText() + "\n"
                + "IPSC_STARTUP=" + startup.text() + "\n";
    }

    private String postgresDurabilityText() {
        String text = settingsText(postgresDurability);
        return Durability.DURABLE.postgresSettings().equals(postgresDurability) ? text
                : text + " (NOT durable: a power cut can lose acknowledged writes)";
    }

    private String kafkaDurabilityText() {
        if (!kafkaEmbedded) {
            return "as the external broker is configured";
        }
        return kafkaDurability.isEmpty() ? "flushed by the operating system when it chooses (NOT durable)"
                : settingsText(kafkaDurability) + " (each message on disk before it is acknowledged)";
    }

    /** {@code name=value} pairs on one line, as {@code ./ipsc status} prints them. */
    static String settingsText(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-12s %s%n", label.isEmpty() ? "" : label + ":", value));
    }
}
