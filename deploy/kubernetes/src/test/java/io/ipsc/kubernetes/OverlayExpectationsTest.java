package io.ipsc.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each overlay is for: dev small and on its own domain, prod replicated and highly available. */
class OverlayExpectationsTest {

    private static Manifests render(String dir) {
        return Manifests.of(Renderers.READER.render(Renderers.root().resolve(dir)));
    }

    private static Map<String, String> gatewayEnv(Manifests m) {
        return KafkaAndPostgresChecks.environment(m, m.find("Deployment", m.kind("Deployment").get(0).namespace(), "gateway"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyNamespacedObjectIsInTheOverlaysNamespace(String dir) {
        Manifests m = render(dir);
        String namespace = m.kind("Namespace").get(0).name();
        assertEquals(1, m.kind("Namespace").size());
        for (Manifests.Obj o : m.objects) {
            if (!o.kind().equals("Namespace")) {
                assertEquals(namespace, o.namespace(), o.ref());
            }
        }
    }

    /** Tenants reach the gateway as {slug}.<domain>: the Ingress, its certificate and the gateway agree on the domain. */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void subdomainsOfTheBaseDomainReachTheGateway(String dir) {
        Manifests m = render(dir);
        Map<String, String> env = gatewayEnv(m);
        String domain = env.get("IPSC_BASE_DOMAIN");
        Ingress ingress = m.typed(m.kind("Ingress").get(0), Ingress.class);
        Set<String> hosts = ingress.getSpec().getRules().stream().map(IngressRule::getHost).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("*." + domain, domain)), hosts);
        assertEquals(new TreeSet<>(Set.of("*." + domain, domain)), new TreeSet<>(ingress.getSpec().getTls().get(0).getHosts()));
        for (IngressRule rule : ingress.getSpec().getRules()) {
            assertTrue(rule.getHttp().getPaths().stream().anyMatch(p -> ManifestChecks.covers(p.getPath(), p.getPathType(), "/api/tenants/acme/invoices")),
                    rule.getHost() + " routes the API");
        }

        String cors = env.get("QUARKUS_HTTP_CORS_ORIGINS");
        assertTrue(cors.startsWith("/") && cors.endsWith("/"), "a regular expression");
        // SmallRye Config unescapes one backslash in list values, as Quarkus reads the CORS origins.
        Pattern corsOrigins = Pattern.compile(cors.substring(1, cors.length() - 1).replace("\\\\", "\\"));
        for (Pattern p : List.of(corsOrigins)) {
            assertTrue(p.matcher("https://acme." + domain).matches(), p + " admits a tenant");
            assertTrue(p.matcher("https://" + domain).matches(), p + " admits the apex");
            assertFalse(p.matcher("https://acme." + domain + ".attacker.test").matches(), p + " is anchored");
            assertFalse(p.matcher("https://acme" + domain.replace(".", "x")).matches(), p + " escapes its dots");
            assertFalse(p.matcher("http://acme." + domain).matches(), p + " wants https");
        }
    }

    @Test
    void devRunsOneOfEverythingOnItsOwnDomainAndRegistry() {
        Manifests m = render("overlays/dev");
        assertEquals("ipsc-dev", m.kind("Namespace").get(0).name());
        for (Manifests.Obj d : m.kind("Deployment")) {
            assertEquals(1, m.typed(d, Deployment.class).getSpec().getReplicas(), d.ref());
            assertTrue(m.typed(d, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                    .startsWith("registry.dev.example.com/ipsc/" + d.name() + ":"), d.ref());
        }
        for (Manifests.Obj h : m.kind("HorizontalPodAutoscaler")) {
            HorizontalPodAutoscaler hpa = m.typed(h, HorizontalPodAutoscaler.class);
            assertEquals(1, hpa.getSpec().getMinReplicas(), h.ref());
            assertEquals(2, hpa.getSpec().getMaxReplicas(), h.ref());
        }
        assertEquals("dev.ipsc.example.com", gatewayEnv(m).get("IPSC_BASE_DOMAIN"));
        assertEquals(1, Yaml.at(m.kind("Cluster").get(0).raw(), "spec", "instances"));
    }

    @Test
    void prodReplicatesEverything() {
        Manifests m = render("overlays/prod");
        assertEquals("ipsc", m.kind("Namespace").get(0).name());
        for (Manifests.Obj d : m.kind("Deployment")) {
            assertTrue(m.typed(d, Deployment.class).getSpec().getReplicas() >= 2, d.ref() + " survives losing a pod");
            assertTrue(m.typed(d, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                    .startsWith("registry.example.com/ipsc/" + d.name() + ":"), d.ref());
        }
        for (Manifests.Obj h : m.kind("HorizontalPodAutoscaler")) {
            assertTrue(m.typed(h, HorizontalPodAutoscaler.class).getSpec().getMinReplicas() >= 2, h.ref());
        }
        for (Manifests.Obj pool : m.kind("KafkaNodePool")) {
            assertEquals(3, Yaml.at(pool.raw(), "spec", "replicas"), pool.ref());
        }
        Map<String, Object> config = Yaml.mapAt(m.kind("Kafka").get(0).raw(), "spec", "kafka", "config");
        assertEquals(3, config.get("default.replication.factor"));
        assertEquals(2, config.get("min.insync.replicas"));
        for (Manifests.Obj t : m.kind("KafkaTopic")) {
            assertEquals(3, Yaml.at(t.raw(), "spec", "replicas"), t.ref());
            assertEquals(2, Yaml.at(t.raw(), "spec", "config", "min.insync.replicas"), t.ref());
        }
        Map<String, String> tenantService = KafkaAndPostgresChecks.environment(m, m.find("Deployment", "ipsc", "tenant-service"));
        assertEquals("3", tenantService.get("IPSC_KAFKA_REPLICATION_FACTOR"));
        assertEquals(List.of("ipsc-pg", "ipsc-pg-second"), m.kind("Cluster").stream().map(Manifests.Obj::name).sorted().toList(),
                "two database clusters, main and second");
        for (Manifests.Obj cluster : m.kind("Cluster")) {
            assertEquals(3, Yaml.at(cluster.raw(), "spec", "instances"), cluster.ref());
        }
        assertEquals("main,second", tenantService.get("IPSC_CLUSTERS"));
        assertEquals("ipsc.example.com", gatewayEnv(m).get("IPSC_BASE_DOMAIN"));
    }
}
