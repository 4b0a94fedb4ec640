package io.ipsc.kubernetes;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks that tie the services to Kafka and PostgreSQL fail when one side changes alone. Each
 * case breaks one thing in the rendered prod overlay and expects the violation that names it.
 */
class ClusterConsistencyTest {

    private static List<String> problemsAfter(Consumer<List<Map<String, Object>>> change) {
        List<Map<String, Object>> docs = Renderers.READER.render(Renderers.root().resolve("overlays/prod"));
        change.accept(docs);
        return ManifestChecks.check(Manifests.of(docs), RenderedOverlaysTest.knownSecrets());
    }

    private static void expect(String expected, Consumer<List<Map<String, Object>>> change) {
        List<String> found = problemsAfter(change);
        assertTrue(found.stream().anyMatch(p -> p.contains(expected)),
                () -> "expected a problem containing '" + expected + "', got:\n  " + String.join("\n  ", found));
    }

    static Map<String, Object> object(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(Yaml.stringAt(d, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** A generated ConfigMap's data, found by the name before kustomize's hash suffix. */
    static Map<String, Object> configData(List<Map<String, Object>> docs, String generatorName) {
        return docs.stream().filter(d -> "ConfigMap".equals(d.get("kind"))
                        && Yaml.stringAt(d, "metadata", "name").matches(generatorName + "-[a-z0-9]{10}"))
                .map(d -> Yaml.mapAt(d, "data")).findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + generatorName));
    }

    @Test
    void theUntouchedRenderPasses() {
        List<String> found = problemsAfter(docs -> { });
        assertTrue(found.isEmpty(), () -> String.join("\n", found));
    }

    @Test
    void theLifecycleTopicMustBeCompacted() {
        expect("ipsc.tenants must be compacted", docs ->
                Yaml.mapAt(object(docs, "KafkaTopic", "ipsc.tenants"), "spec", "config").put("cleanup.policy", "delete"));
    }

    @Test
    void provisioningReportsAreKeptSevenDays() {
        expect("instead of seven days", docs ->
                Yaml.mapAt(object(docs, "KafkaTopic", "ipsc.provisioning"), "spec", "config").put("retention.ms", 86400000));
    }

    @Test
    void tenantServiceAsksNoMoreReplicasThanBrokers() {
        expect("IPSC_KAFKA_REPLICATION_FACTOR is 5 but Kafka ipsc has 3 brokers", docs ->
                configData(docs, "ipsc-tenant-service").put("IPSC_KAFKA_REPLICATION_FACTOR", "5"));
    }

    @Test
    void topicsFitTheBrokers() {
        expect("wants 3 replicas but Kafka ipsc has 1 brokers", docs ->
                Yaml.map(object(docs, "KafkaNodePool", "broker").get("spec")).put("replicas", 1));
    }

    @Test
    void theControllerQuorumIsOdd() {
        expect("an even quorum", docs ->
                Yaml.map(object(docs, "KafkaNodePool", "controller").get("spec")).put("replicas", 2));
    }

    @Test
    void oneBrokerDownStillAcceptsWrites() {
        expect("one broker down refuses every write", docs ->
                Yaml.mapAt(object(docs, "KafkaTopic", "ipsc.tenants"), "spec", "config").put("min.insync.replicas", 3));
    }

    @Test
    void theBootstrapAddressNamesTheKafkaCluster() {
        expect("not the bootstrap Service of a Kafka", docs ->
                configData(docs, "ipsc-common").put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
    }

    @Test
    void kafkaRunsInKraftModeWithNodePools() {
        expect("lacks the annotation strimzi.io/kraft: enabled", docs ->
                Yaml.mapAt(object(docs, "Kafka", "ipsc"), "metadata", "annotations").remove("strimzi.io/kraft"));
    }

    @Test
    void postgresPreloadsPgStatStatements() {
        expect("does not preload pg_stat_statements", docs ->
                Yaml.mapAt(object(docs, "Cluster", "ipsc-pg"), "spec", "postgresql").remove("shared_preload_libraries"));
    }

    @Test
    void theServicesRoleMayCreateDatabases() {
        expect("LOGIN and CREATEDB", docs ->
                Yaml.map(Yaml.listAt(object(docs, "Cluster", "ipsc-pg"), "spec", "managed", "roles").get(0)).put("createdb", false));
    }

    @Test
    void theServicesWriteToThePrimary() {
        expect("not the read-write Service", docs ->
                configData(docs, "ipsc-postgres").put("IPSC_PG_HOST", "ipsc-pg-ro"));
    }

    @Test
    void theControlPlaneDatabaseIsBootstrapped() {
        expect("does not bootstrap ipsc_platform", docs ->
                Yaml.mapAt(object(docs, "Cluster", "ipsc-pg"), "spec", "bootstrap", "initdb").put("database", "app"));
    }

    @Test
    void theDatabaseSecretIsDocumented() {
        expect("reads Secret pg-superuser, which is neither in the render nor in external-secrets.txt", docs ->
                Yaml.mapAt(object(docs, "Cluster", "ipsc-pg"), "spec", "bootstrap", "initdb", "secret").put("name", "pg-superuser"));
    }

    @Test
    void autoscalingCannotOutgrowMaxConnections() {
        expect("the services may open", docs ->
                Yaml.map(object(docs, "HorizontalPodAutoscaler", "invoicing-service").get("spec")).put("maxReplicas", 40));
    }

    @Test
    void upstreamUrlsNameServicePorts() {
        expect("IPSC_UPSTREAM_DENTAL points at port 9999 of Service dental-service, which has no such port", docs ->
                configData(docs, "ipsc-gateway").put("IPSC_UPSTREAM_DENTAL", "http://dental-service:9999"));
    }
}
