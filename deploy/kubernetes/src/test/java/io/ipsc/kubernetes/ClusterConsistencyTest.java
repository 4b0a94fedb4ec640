package io.ipsc.kubernetes;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    static Map<String, Object> role(List<Map<String, Object>> docs, String name) {
        return Yaml.listAt(object(docs, "Cluster", "ipsc-pg"), "spec", "managed", "roles").stream().map(Yaml::map)
                .filter(r -> name.equals(r.get("name"))).findFirst().orElseThrow(() -> new AssertionError("no role " + name));
    }

    /** The acl entry of a KafkaUser on one topic or group. */
    static Map<String, Object> acl(List<Map<String, Object>> docs, String user, String type, String name) {
        return Yaml.listAt(object(docs, "KafkaUser", user), "spec", "authorization", "acls").stream().map(Yaml::map)
                .filter(a -> type.equals(Yaml.stringAt(a, "resource", "type")) && name.equals(Yaml.stringAt(a, "resource", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no acl of " + user + " on " + type + " " + name));
    }

    /** Makes the Deployment read {@code variable} from another Secret. */
    static void readFromSecret(List<Map<String, Object>> docs, String deployment, String variable, String secret) {
        Map<String, Object> container = Yaml.map(Yaml.listAt(object(docs, "Deployment", deployment), "spec", "template", "spec", "containers").get(0));
        Yaml.listAt(container, "env").stream().map(Yaml::map).filter(e -> variable.equals(e.get("name")))
                .forEach(e -> Yaml.mapAt(e, "valueFrom", "secretKeyRef").put("name", secret));
    }

    static void addAcl(List<Map<String, Object>> docs, String user, String type, String name, String patternType, String operation) {
        Map<String, Object> resource = new LinkedHashMap<>(Map.of("type", type, "name", name, "patternType", patternType));
        Yaml.listAt(object(docs, "KafkaUser", user), "spec", "authorization", "acls")
                .add(new LinkedHashMap<>(Map.of("resource", resource, "operations", new ArrayList<>(List.of(operation)))));
    }

    @Test
    void theDomainServicesRolesMayCreateDatabases() {
        expect("does not give the role dental_service CREATEDB", docs -> role(docs, "dental_service").put("createdb", false));
    }

    @Test
    void onlyTheServicesThatCreateDatabasesHaveCreatedb() {
        expect("gives the role tenant_service CREATEDB", docs -> role(docs, "tenant_service").put("createdb", true));
    }

    @Test
    void everyServiceHasItsOwnRole() {
        expect("has no role of its own in Cluster ipsc-pg (spec.managed.roles: branding_service)", docs ->
                Yaml.listAt(object(docs, "Cluster", "ipsc-pg"), "spec", "managed", "roles").remove(role(docs, "branding_service")));
    }

    @Test
    void noRoleIsASuperuser() {
        expect("gives the role invoicing_service SUPERUSER", docs -> role(docs, "invoicing_service").put("superuser", true));
    }

    @Test
    void everyServiceLogsInWithItsOwnRolesSecret() {
        expect("logs in to PostgreSQL (IPSC_PG_PASSWORD) with Secret ipsc-pg-tenant-service instead of Secret ipsc-pg-invoicing-service",
                docs -> readFromSecret(docs, "invoicing-service", "IPSC_PG_PASSWORD", "ipsc-pg-tenant-service"));
    }

    @Test
    void thePlatformDatabaseIsClosedToPublic() {
        expect("does not revoke CONNECT on ipsc_platform from PUBLIC", docs ->
                Yaml.listAt(object(docs, "Cluster", "ipsc-pg"), "spec", "bootstrap", "initdb", "postInitApplicationSQL")
                        .removeIf(sql -> String.valueOf(sql).startsWith("REVOKE")));
    }

    @Test
    void onlyTenantServiceReachesThePlatformDatabase() {
        expect("pg_hba lets any_other_role connect to ipsc_platform", docs ->
                Yaml.listAt(object(docs, "Cluster", "ipsc-pg"), "spec", "postgresql", "pg_hba")
                        .removeIf(line -> String.valueOf(line).startsWith("host ipsc_platform all all reject")));
        expect("pg_hba lets dental_service connect to ipsc_platform", docs ->
                Yaml.listAt(object(docs, "Cluster", "ipsc-pg"), "spec", "postgresql", "pg_hba")
                        .removeIf(line -> String.valueOf(line).startsWith("host ipsc_platform all all reject")
                                || String.valueOf(line).equals("host all dental_service all reject")));
    }

    @Test
    void aDomainServiceReachesNoOtherServicesDatabases() {
        expect("pg_hba lets invoicing_service connect to tenant_acme_dental", docs ->
                Yaml.listAt(object(docs, "Cluster", "ipsc-pg"), "spec", "postgresql", "pg_hba")
                        .removeIf(line -> String.valueOf(line).equals("host all invoicing_service all reject")));
    }

    @Test
    void thePlatformDatabaseBelongsToTenantService() {
        expect("ipsc_platform is owned by invoicing_service instead of tenant_service", docs ->
                Yaml.mapAt(object(docs, "Cluster", "ipsc-pg"), "spec", "bootstrap", "initdb").put("owner", "invoicing_service"));
    }

    @Test
    void tenantServiceReadsEveryDatabasesStatistics() {
        expect("does not make tenant_service a member of pg_read_all_stats", docs -> role(docs, "tenant_service").remove("inRoles"));
    }

    @Test
    void onlyTenantServiceWritesTheLifecycleEvents() {
        expect("KafkaUser/dental-service: may write ipsc.tenants, which dental-service does not own (only tenant-service writes the lifecycle events)",
                docs -> acl(docs, "dental-service", "topic", "ipsc.tenants").put("operations", new ArrayList<>(List.of("Read", "Write"))));
    }

    @Test
    void noServiceWritesATopicItDoesNotOwn() {
        expect("KafkaUser/branding-service: may write ipsc.billing, which branding-service does not own",
                docs -> addAcl(docs, "branding-service", "topic", "ipsc.billing", "literal", "Write"));
    }

    @Test
    void noServiceReadsATopicItDoesNotConsume() {
        expect("KafkaUser/gateway: may read ipsc.security, which gateway does not consume",
                docs -> addAcl(docs, "gateway", "topic", "ipsc.security", "literal", "Read"));
    }

    @Test
    void noAclCoversTopicsByPrefix() {
        expect("KafkaUser/gateway: grants [Write] on every topic matching ipsc.*",
                docs -> addAcl(docs, "gateway", "topic", "ipsc.", "prefix", "Write"));
    }

    @Test
    void eachServiceReadsWhatItConsumes() {
        expect("KafkaUser/invoicing-service: cannot read ipsc.billing, which invoicing-service consumes",
                docs -> acl(docs, "invoicing-service", "topic", "ipsc.billing").put("operations", new ArrayList<>(List.of("Describe"))));
    }

    @Test
    void eachListenerReadsAsItsConsumerGroup() {
        expect("KafkaUser/tenant-service: cannot read as consumer group tenant-service-security",
                docs -> Yaml.listAt(object(docs, "KafkaUser", "tenant-service"), "spec", "authorization", "acls")
                        .remove(acl(docs, "tenant-service", "group", "tenant-service-security")));
    }

    @Test
    void eachServiceWritesWhatItProduces() {
        expect("KafkaUser/manufacturing-service: cannot write ipsc.stock, which manufacturing-service produces",
                docs -> Yaml.listAt(object(docs, "KafkaUser", "manufacturing-service"), "spec", "authorization", "acls")
                        .remove(acl(docs, "manufacturing-service", "topic", "ipsc.stock")));
    }

    @Test
    void noServiceHoldsClusterRights() {
        expect("KafkaUser/gateway: grants [Alter] on cluster kafka-cluster",
                docs -> addAcl(docs, "gateway", "cluster", "kafka-cluster", "literal", "Alter"));
    }

    @Test
    void everyListenerWantsTls() {
        expect("listener tls is not TLS", docs ->
                Yaml.map(Yaml.listAt(object(docs, "Kafka", "ipsc"), "spec", "kafka", "listeners").get(0)).put("tls", false));
    }

    @Test
    void everyListenerWantsScram() {
        expect("listener tls does not require SCRAM-SHA-512 authentication", docs ->
                Yaml.map(Yaml.listAt(object(docs, "Kafka", "ipsc"), "spec", "kafka", "listeners").get(0)).remove("authentication"));
    }

    @Test
    void theBrokersCheckTheAcls() {
        expect("does not authorize requests", docs -> Yaml.mapAt(object(docs, "Kafka", "ipsc"), "spec", "kafka").remove("authorization"));
    }

    @Test
    void everyServiceConnectsAsItsOwnKafkaUser() {
        expect("Deployment/gateway: reads its Kafka credentials (KAFKA_SASL_JAAS_CONFIG) from Secret tenant-service instead of Secret gateway",
                docs -> readFromSecret(docs, "gateway", "KAFKA_SASL_JAAS_CONFIG", "tenant-service"));
    }

    @Test
    void theServicesSpeakSaslSsl() {
        expect("KAFKA_SECURITY_PROTOCOL is PLAINTEXT instead of SASL_SSL", docs ->
                configData(docs, "ipsc-common").put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"));
    }

    @Test
    void everyTopicOfTheCodeIsInTheTopicTableAndHasAKafkaTopic() throws IOException {
        String source = Files.readString(Renderers.root().resolve("../../tenancy-topics/src/main/java/io/ipsc/tenancy/event/Topics.java"));
        Matcher constant = Pattern.compile("static final String \\w+ = \"([^\"]+)\"").matcher(source);
        Set<String> inCode = new TreeSet<>();
        while (constant.find()) {
            inCode.add(constant.group(1));
        }
        assertTrue(inCode.size() >= 5, inCode::toString);
        assertEquals(inCode, new TreeSet<>(KafkaAndPostgresChecks.TOPICS), "the topic table knows every topic of Topics.java");
        expect("has no KafkaTopic for ipsc.stock", docs -> docs.remove(object(docs, "KafkaTopic", "ipsc.stock")));
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

    // ---- Database clusters (issue 20): prod has two, main (ipsc-pg) and second (ipsc-pg-second) ----

    static Map<String, Object> role(List<Map<String, Object>> docs, String cluster, String name) {
        return Yaml.listAt(object(docs, "Cluster", cluster), "spec", "managed", "roles").stream().map(Yaml::map)
                .filter(r -> name.equals(r.get("name"))).findFirst().orElseThrow(() -> new AssertionError("no role " + name));
    }

    @Test
    void everyServiceHasCredentialsForEveryRegisteredCluster() {
        expect("Deployment/dental-service: logs in to PostgreSQL (IPSC_CLUSTERS_SECOND_PASSWORD) with no Secret", docs -> {
            Map<String, Object> container = Yaml.map(Yaml.listAt(object(docs, "Deployment", "dental-service"),
                    "spec", "template", "spec", "containers").get(0));
            Yaml.listAt(container, "env").removeIf(e -> "IPSC_CLUSTERS_SECOND_PASSWORD".equals(Yaml.map(e).get("name")));
        });
    }

    @Test
    void eachClustersCredentialsAreTheServicesOwnRoleThere() {
        expect("logs in to PostgreSQL (IPSC_CLUSTERS_SECOND_USER) with Secret ipsc-pg-invoicing-service instead of Secret "
                + "ipsc-pg-second-invoicing-service", docs ->
                readFromSecret(docs, "invoicing-service", "IPSC_CLUSTERS_SECOND_USER", "ipsc-pg-invoicing-service"));
    }

    @Test
    void aClusterNamedWithoutAnAddressIsFound() {
        expect("Deployment/branding-service: has no IPSC_CLUSTERS_THIRD_HOST, but tenant-service registers cluster third", docs ->
                configData(docs, "ipsc-postgres").put("IPSC_CLUSTERS", "main,second,third"));
    }

    @Test
    void aClustersAddressNamesACloudNativePgCluster() {
        expect("IPSC_CLUSTERS_SECOND_HOST is ipsc-pg-3-rw, which is not the read-write Service", docs ->
                configData(docs, "ipsc-postgres").put("IPSC_CLUSTERS_SECOND_HOST", "ipsc-pg-3-rw"));
    }

    @Test
    void clusterNamesFollowTheContract() {
        expect("IPSC_CLUSTERS names 'eu-west', which is not a cluster name", docs ->
                configData(docs, "ipsc-postgres").put("IPSC_CLUSTERS", "main,eu-west"));
        expect("lacks main", docs -> configData(docs, "ipsc-postgres").put("IPSC_CLUSTERS", "second"));
    }

    @Test
    void everyClusterDecodesItsWalLogically() {
        expect("Cluster/ipsc-pg-second: does not set wal_level: logical", docs ->
                Yaml.mapAt(object(docs, "Cluster", "ipsc-pg-second"), "spec", "postgresql", "parameters").remove("wal_level"));
    }

    @Test
    void theMovingRolesMayReplicateAndSubscribe() {
        expect("does not give the role dental_service REPLICATION", docs -> role(docs, "ipsc-pg-second", "dental_service").remove("replication"));
        expect("does not make invoicing_service a member of pg_create_subscription", docs ->
                role(docs, "ipsc-pg", "invoicing_service").remove("inRoles"));
        expect("gives the role tenant_service REPLICATION; no service needs it", docs ->
                role(docs, "ipsc-pg-second", "tenant_service").put("replication", true));
    }

    @Test
    void theSecondClustersConnectionsFitToo() {
        expect("Cluster/ipsc-pg-second: the services may open", docs ->
                Yaml.mapAt(object(docs, "Cluster", "ipsc-pg-second"), "spec", "postgresql", "parameters").put("max_connections", "200"));
    }
}
