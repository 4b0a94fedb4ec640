package io.ipsc.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may talk to whom in the prod overlay, worked out from its NetworkPolicies (plus the policy
 * that Strimzi generates for the Kafka listener from its networkPolicyPeers): only the gateway is
 * reachable from outside, and each service reaches exactly what it needs.
 */
class NetworkPolicyTest {

    static final List<String> DOMAIN = List.of("invoicing-service", "dental-service", "manufacturing-service", "branding-service");
    static final Map<String, Integer> PORTS = Map.of("gateway", 8000, "tenant-service", 8081, "invoicing-service", 8082,
            "dental-service", 8083, "manufacturing-service", 8084, "branding-service", 8085, "web", 5173);
    /** Quarkus' management interface of each service: /q/health, /q/metrics, /q/openapi. */
    static final Map<String, Integer> MANAGEMENT = Map.of("gateway", 9000, "tenant-service", 9081, "invoicing-service", 9082,
            "dental-service", 9083, "manufacturing-service", 9084, "branding-service", 9085, "web", 9173);
    /** What the ingress controller may reach: the gateway's API and the web app's pages. */
    static final List<String> PUBLIC = List.of("gateway", "web");
    static final int KAFKA = 9093;

    static NetworkPolicyModel model;
    static Map<String, NetworkPolicyModel.Pod> services = new LinkedHashMap<>();
    static NetworkPolicyModel.Pod kafkaBroker;
    static NetworkPolicyModel.Pod postgres;
    static NetworkPolicyModel.Pod dns = new NetworkPolicyModel.Pod("coredns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of());
    static NetworkPolicyModel.Pod ingressController = new NetworkPolicyModel.Pod("controller", "ingress-nginx", Map.of("app", "ingress"), Map.of());
    static NetworkPolicyModel.Pod prometheus = new NetworkPolicyModel.Pod("prometheus", "monitoring", Map.of("app", "prometheus"), Map.of());
    static NetworkPolicyModel.Pod cnpgOperator = new NetworkPolicyModel.Pod("cnpg", "cnpg-system", Map.of("app", "cnpg"), Map.of());
    static NetworkPolicyModel.Pod elsewhere = new NetworkPolicyModel.Pod("other", "other-team", Map.of("app", "other"), Map.of());

    @BeforeAll
    static void render() {
        Manifests m = Manifests.of(Renderers.READER.render(Renderers.root().resolve("overlays/prod")));
        String ns = m.kind("Deployment").get(0).namespace();
        List<NetworkPolicy> policies = new ArrayList<>();
        m.kind("NetworkPolicy").forEach(o -> policies.add(m.typed(o, NetworkPolicy.class)));
        policies.add(strimziListenerPolicy(m, ns));
        model = new NetworkPolicyModel(policies);
        for (Manifests.Obj o : m.kind("Deployment")) {
            Deployment d = m.typed(o, Deployment.class);
            Map<String, Integer> named = new LinkedHashMap<>();
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                c.getPorts().forEach(p -> named.put(p.getName(), p.getContainerPort()));
            }
            services.put(o.name(), new NetworkPolicyModel.Pod(o.name(), ns, d.getSpec().getTemplate().getMetadata().getLabels(), named));
        }
        kafkaBroker = new NetworkPolicyModel.Pod("ipsc-broker-0", ns, Map.of("strimzi.io/cluster", "ipsc", "strimzi.io/kind", "Kafka",
                "strimzi.io/name", "ipsc-kafka", "strimzi.io/broker-role", "true", "strimzi.io/pool-name", "broker"), Map.of());
        postgres = new NetworkPolicyModel.Pod("ipsc-pg-1", ns, Map.of("cnpg.io/cluster", "ipsc-pg", "cnpg.io/podRole", "instance",
                        "app.kubernetes.io/part-of", "ipsc", "app.kubernetes.io/component", "database"),
                Map.of("postgresql", 5432, "metrics", 9187, "status", 8000));
    }

    /** What Strimzi creates for the TLS listener: ingress on its port from the listener's networkPolicyPeers only. */
    private static NetworkPolicy strimziListenerPolicy(Manifests m, String ns) {
        Map<String, Object> listener = Yaml.map(Yaml.listAt(m.kind("Kafka").get(0).raw(), "spec", "kafka", "listeners").get(0));
        Map<String, Object> policy = Yaml.documents("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: ipsc-network-policy-kafka}
                spec:
                  podSelector: {matchLabels: {strimzi.io/cluster: ipsc, strimzi.io/kind: Kafka, strimzi.io/name: ipsc-kafka}}
                  policyTypes: [Ingress]
                  ingress:
                    - ports: [{port: 9093, protocol: TCP}]
                """, "strimzi").get(0);
        Yaml.map(policy.get("metadata")).put("namespace", ns);
        Yaml.map(Yaml.listAt(policy, "spec", "ingress").get(0)).put("from", listener.get("networkPolicyPeers"));
        return (NetworkPolicy) Manifests.of(List.of(policy)).objects.get(0).typed();
    }

    private static NetworkPolicyModel.Pod service(String name) {
        return services.get(name);
    }

    @Test
    void onlyTheIngressControllerReachesTheGatewayAndTheWebAppFromOutside() {
        assertTrue(model.allows(ingressController, service("gateway"), 8000, "TCP"));
        assertFalse(model.allows(elsewhere, service("gateway"), 8000, "TCP"), "another namespace");
        assertTrue(model.allows(ingressController, service("web"), 5173, "TCP"));
        assertFalse(model.allows(elsewhere, service("web"), 5173, "TCP"), "another namespace");
        for (String name : PORTS.keySet()) {
            assertFalse(model.allows(ingressController, service(name), MANAGEMENT.get(name), "TCP"), name + "'s management port");
            assertFalse(model.allows(elsewhere, service(name), MANAGEMENT.get(name), "TCP"), name + "'s management port");
            if (!PUBLIC.contains(name)) {
                assertFalse(model.allows(ingressController, service(name), PORTS.get(name), "TCP"), name);
                assertFalse(model.allows(elsewhere, service(name), PORTS.get(name), "TCP"), name);
            }
        }
        assertFalse(model.allows(ingressController, postgres, 5432, "TCP"));
        assertFalse(model.allows(ingressController, kafkaBroker, KAFKA, "TCP"));
    }

    @Test
    void theGatewayReachesEachServiceOnItsOwnPortOnly() {
        for (String name : PORTS.keySet()) {
            if (PUBLIC.contains(name)) {
                continue;
            }
            assertTrue(model.allows(service("gateway"), service(name), PORTS.get(name), "TCP"), name);
            assertTrue(model.allows(service("gateway"), service(name), MANAGEMENT.get(name), "TCP"), name + "'s readiness and OpenAPI");
            assertFalse(model.allows(service("gateway"), service(name), 9999, "TCP"), name + " on another port");
        }
        assertFalse(model.allows(service("gateway"), postgres, 5432, "TCP"), "the gateway has no database");
    }

    @Test
    void theWebAppReachesTheGatewaysApiAndNothingElse() {
        assertTrue(model.allows(service("web"), service("gateway"), 8000, "TCP"));
        assertFalse(model.allows(service("web"), service("gateway"), 9000, "TCP"), "the gateway's management port");
        for (String name : PORTS.keySet()) {
            if (!PUBLIC.contains(name)) {
                assertFalse(model.allows(service("web"), service(name), PORTS.get(name), "TCP"), "web to " + name);
            }
            assertFalse(model.allows(service(name), service("web"), 5173, "TCP"), name + " to web");
        }
        assertFalse(model.allows(service("web"), kafkaBroker, KAFKA, "TCP"), "no Kafka");
        assertFalse(model.allows(service("web"), postgres, 5432, "TCP"), "no database");
        assertTrue(model.allows(service("web"), dns, 53, "UDP"));
    }

    @Test
    void domainServicesReachTenantServiceForTokenKeysAndNothingElse() {
        for (String name : DOMAIN) {
            assertTrue(model.allows(service(name), service("tenant-service"), 8081, "TCP"), name);
            assertFalse(model.allows(service(name), service("tenant-service"), 9081, "TCP"), name + " to tenant-service's management port");
            assertFalse(model.allows(service(name), service("gateway"), 8000, "TCP"), name + " to the gateway");
            for (String other : DOMAIN) {
                if (!other.equals(name)) {
                    assertFalse(model.allows(service(name), service(other), PORTS.get(other), "TCP"), name + " to " + other);
                }
            }
        }
    }

    @Test
    void tenantServiceReachesEachDomainServiceOnItsOwnPortForTheOperatorsViews() {
        // usage and database views ask each module for its own figures
        for (String name : DOMAIN) {
            assertTrue(model.allows(service("tenant-service"), service(name), PORTS.get(name), "TCP"), name);
            assertFalse(model.allows(service("tenant-service"), service(name), 9999, "TCP"), name + " on another port");
        }
        assertFalse(model.allows(service("tenant-service"), service("gateway"), 8000, "TCP"), "not back to the gateway");
    }

    @Test
    void everyServiceReachesKafka() {
        services.values().stream().filter(s -> !s.name().equals("web"))
                .forEach(s -> assertTrue(model.allows(s, kafkaBroker, KAFKA, "TCP"), s.name()));
        assertFalse(model.allows(elsewhere, kafkaBroker, KAFKA, "TCP"));
        assertFalse(model.allows(postgres, kafkaBroker, KAFKA, "TCP"), "PostgreSQL is no Kafka client");
    }

    @Test
    void theServicesWithDatabasesReachPostgres() {
        assertTrue(model.allows(service("tenant-service"), postgres, 5432, "TCP"));
        DOMAIN.forEach(name -> assertTrue(model.allows(service(name), postgres, 5432, "TCP"), name));
        assertFalse(model.allows(elsewhere, postgres, 5432, "TCP"));
        assertTrue(model.allows(cnpgOperator, postgres, 8000, "TCP"), "the operator reads the instance status");
    }

    @Test
    void everyPodResolvesNames() {
        for (NetworkPolicyModel.Pod pod : List.of(service("gateway"), service("tenant-service"), service("dental-service"), kafkaBroker, postgres)) {
            assertTrue(model.allows(pod, dns, 53, "UDP"), pod + " UDP");
            assertTrue(model.allows(pod, dns, 53, "TCP"), pod + " TCP");
        }
    }

    @Test
    void prometheusScrapesEveryServiceOnItsManagementPortOnlyAndPostgres() {
        services.forEach((name, pod) -> assertTrue(model.allows(prometheus, pod, MANAGEMENT.get(name), "TCP"), name));
        services.forEach((name, pod) -> assertFalse(model.allows(prometheus, pod, PORTS.get(name), "TCP"), name + "'s API"));
        assertTrue(model.allows(prometheus, postgres, 9187, "TCP"));
        assertFalse(model.allows(prometheus, postgres, 5432, "TCP"), "metrics, not data");
    }

    @Test
    void theServicesReachNothingOutsideTheirDependencies() {
        services.values().forEach(s -> assertFalse(model.allows(s, elsewhere, 443, "TCP"), s.name()));
    }
}
