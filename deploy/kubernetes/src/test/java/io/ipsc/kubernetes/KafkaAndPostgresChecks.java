package io.ipsc.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The checks that tie the services' configuration to the Kafka and PostgreSQL clusters they use:
 * bootstrap addresses and database hosts name clusters in the render, replication never asks for
 * more brokers than exist, the topics have the retention the design fixes, every listener wants TLS
 * and SCRAM-SHA-512 and each service connects as its own KafkaUser whose ACLs follow
 * {@link #TOPIC_TABLE}; PostgreSQL preloads pg_stat_statements, each service logs in as its own
 * managed role, CREATEDB only where a service creates its tenants' databases, ipsc_platform
 * reachable by tenant-service alone; every database cluster that tenant-service registers
 * (IPSC_CLUSTERS) reachable by every service with its own role, each cluster able to be a move's source
 * and target (wal_level logical, REPLICATION); and the most connections the services can open (every
 * autoscaler at its maximum, plus a rollout's surge pod) fit max_connections on each cluster.
 */
final class KafkaAndPostgresChecks {

    static final String TENANTS_TOPIC = "ipsc.tenants";
    /** The database clusters' registry (issue 20), compacted like the lifecycle topic. */
    static final String CLUSTERS_TOPIC = "ipsc.clusters";
    static final String PROVISIONING_TOPIC = "ipsc.provisioning";
    static final String BILLING_TOPIC = "ipsc.billing";
    static final String STOCK_TOPIC = "ipsc.stock";
    static final String SECURITY_TOPIC = "ipsc.security";
    static final String CONTROL_PLANE = "tenant-service";
    static final String SCRAM = "scram-sha-512";

    /** What one service does on Kafka: the topics it writes, the topics it reads, its consumer groups, the topics it creates. */
    record KafkaAccess(Set<String> writes, Set<String> reads, Set<String> groups, Set<String> creates) {
    }

    /**
     * The topic table, from the code (tenancy's Topics and each client): tenant-service alone writes the
     * lifecycle events and reads the provisioning reports and security events; the domain services read
     * the lifecycle events and report; dental-service hands billing work and manufacturing-service stock
     * movements to invoicing-service; every service reports security events. Consumer groups are those
     * the listeners join; the followers of ipsc.tenants join none. The domain services also follow
     * ipsc.clusters (issue 20), the database clusters' registry that tenant-service alone writes. tenant-service creates the topics
     * when missing (OutboxRelay.ensureTopics).
     */
    static final Map<String, KafkaAccess> TOPIC_TABLE = Map.of(
            CONTROL_PLANE, new KafkaAccess(Set.of(TENANTS_TOPIC, CLUSTERS_TOPIC, SECURITY_TOPIC), Set.of(PROVISIONING_TOPIC, SECURITY_TOPIC),
                    Set.of("tenant-service", "tenant-service-security"),
                    Set.of(TENANTS_TOPIC, CLUSTERS_TOPIC, PROVISIONING_TOPIC, BILLING_TOPIC, STOCK_TOPIC, SECURITY_TOPIC)),
            "gateway", new KafkaAccess(Set.of(SECURITY_TOPIC), Set.of(TENANTS_TOPIC), Set.of(), Set.of()),
            "invoicing-service", new KafkaAccess(Set.of(PROVISIONING_TOPIC, SECURITY_TOPIC), Set.of(TENANTS_TOPIC, CLUSTERS_TOPIC, BILLING_TOPIC, STOCK_TOPIC),
                    Set.of("invoicing-service"), Set.of()),
            "dental-service", new KafkaAccess(Set.of(PROVISIONING_TOPIC, SECURITY_TOPIC, BILLING_TOPIC), Set.of(TENANTS_TOPIC, CLUSTERS_TOPIC), Set.of(), Set.of()),
            "manufacturing-service", new KafkaAccess(Set.of(PROVISIONING_TOPIC, SECURITY_TOPIC, STOCK_TOPIC), Set.of(TENANTS_TOPIC, CLUSTERS_TOPIC), Set.of(), Set.of()),
            "branding-service", new KafkaAccess(Set.of(PROVISIONING_TOPIC, SECURITY_TOPIC), Set.of(TENANTS_TOPIC, CLUSTERS_TOPIC), Set.of(), Set.of()));

    /** Every topic of the suite: each needs a KafkaTopic. */
    static final Set<String> TOPICS = Set.of(TENANTS_TOPIC, CLUSTERS_TOPIC, PROVISIONING_TOPIC, BILLING_TOPIC, STOCK_TOPIC, SECURITY_TOPIC);

    /** The services that create their tenants' databases at run time, hence the only roles with CREATEDB. */
    static final Set<String> CREATES_DATABASES = Set.of("invoicing-service", "dental-service", "manufacturing-service", "branding-service");
    /** Reading other roles' statistics (pg_stat_statements texts, pg_database_size of databases it cannot connect to). */
    static final Set<String> STATS_ROLES = Set.of("pg_read_all_stats", "pg_monitor");
    static final String PLATFORM_DATABASE = "ipsc_platform";
    /** The database clusters tenant-service registers (issue 20), and the one every install has. */
    static final String CLUSTERS_VARIABLE = "IPSC_CLUSTERS";
    static final String MAIN_CLUSTER = "main";
    static final Pattern CLUSTER_NAME = Pattern.compile("^[a-z][a-z0-9]{0,30}$");
    static final long SEVEN_DAYS_MS = 7L * 24 * 60 * 60 * 1000;
    /** Connections that CloudNativePG itself keeps (instance manager, exporter, replication) beyond the reserved ones. */
    static final int OPERATOR_CONNECTIONS = 10;

    private final Manifests m;
    private final KnownSecrets secrets;
    private final List<String> out;

    private KafkaAndPostgresChecks(Manifests m, KnownSecrets secrets, List<String> out) {
        this.m = m;
        this.secrets = secrets;
        this.out = out;
    }

    static void check(Manifests m, KnownSecrets secrets, List<String> out) {
        KafkaAndPostgresChecks c = new KafkaAndPostgresChecks(m, secrets, out);
        c.kafka();
        c.postgres();
    }

    private void problem(Manifests.Obj o, String text) {
        out.add(o.ref() + ": " + text);
    }

    /** The environment a Deployment's first container sees: its ConfigMaps' data, then its literal env values. */
    static Map<String, String> environment(Manifests m, Manifests.Obj deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        List<Container> containers = m.typed(deployment, Deployment.class).getSpec().getTemplate().getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            return env;
        }
        Container c = containers.get(0);
        for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null) {
                Manifests.Obj cm = m.find("ConfigMap", deployment.namespace(), from.getConfigMapRef().getName());
                if (cm != null && m.typed(cm, ConfigMap.class).getData() != null) {
                    env.putAll(m.typed(cm, ConfigMap.class).getData());
                }
            }
        }
        for (EnvVar v : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
            if (v.getValue() != null) {
                env.put(v.getName(), v.getValue());
            }
        }
        return env;
    }

    /** The Secret that a Deployment reads {@code variable} from, if it does. */
    static Optional<String> secretOf(Manifests m, Manifests.Obj deployment, String variable) {
        return m.typed(deployment, Deployment.class).getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream())
                .filter(v -> variable.equals(v.getName()) && v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
                .map(v -> v.getValueFrom().getSecretKeyRef().getName())
                .findFirst();
    }

    // ---- Kafka ----

    private void kafka() {
        List<Manifests.Obj> clusters = m.kind("Kafka");
        for (Manifests.Obj pool : m.kind("KafkaNodePool")) {
            String cluster = pool.labels().get("strimzi.io/cluster") == null ? null : pool.labels().get("strimzi.io/cluster").toString();
            if (cluster == null || m.find("Kafka", pool.namespace(), cluster) == null) {
                problem(pool, "belongs to Kafka " + cluster + ", which is not in the render");
            }
        }
        for (Manifests.Obj k : clusters) {
            Map<String, Object> annotations = Yaml.mapAt(k.raw(), "metadata", "annotations");
            for (String a : List.of("strimzi.io/kraft", "strimzi.io/node-pools")) {
                if (!"enabled".equals(annotations.get(a))) {
                    problem(k, "lacks the annotation " + a + ": enabled");
                }
            }
            int brokers = poolReplicas(k, "broker");
            int controllers = poolReplicas(k, "controller");
            if (brokers == 0) {
                problem(k, "has no KafkaNodePool with the broker role");
            }
            if (controllers == 0) {
                problem(k, "has no KafkaNodePool with the controller role");
            } else if (controllers % 2 == 0) {
                problem(k, "has " + controllers + " controllers; an even quorum survives no more failures than one controller fewer");
            }
            Map<String, Object> config = Yaml.mapAt(k.raw(), "spec", "kafka", "config");
            for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
                Integer rf = integer(config.get(key));
                if (rf != null && rf > brokers) {
                    problem(k, key + " is " + rf + " but there are only " + brokers + " brokers");
                }
            }
            Integer defaultRf = integer(config.get("default.replication.factor"));
            Integer minIsr = integer(config.get("min.insync.replicas"));
            if (defaultRf != null && minIsr != null) {
                minInSync(k, "the cluster default", defaultRf, minIsr);
            }
            topics(k, brokers, minIsr);
            listeners(k);
        }
        kafkaUsers();
        for (Manifests.Obj t : m.kind("KafkaTopic")) {
            Object cluster = t.labels().get("strimzi.io/cluster");
            if (cluster == null || m.find("Kafka", t.namespace(), cluster.toString()) == null) {
                problem(t, "belongs to Kafka " + cluster + ", which is not in the render");
            }
        }
        for (Manifests.Obj d : m.kind("Deployment")) {
            Map<String, String> env = environment(m, d);
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap != null) {
                for (String address : bootstrap.split(",")) {
                    bootstrapAddress(d, address.strip());
                }
                kafkaClient(d, env, bootstrap.split(",")[0].strip());
            }
            replicationSettings(d, env);
        }
    }

    private int poolReplicas(Manifests.Obj kafka, String role) {
        int total = 0;
        for (Manifests.Obj pool : m.kind("KafkaNodePool")) {
            if (pool.sameNamespace(kafka) && kafka.name().equals(pool.labels().get("strimzi.io/cluster"))
                    && Yaml.listAt(pool.raw(), "spec", "roles").contains(role)) {
                Integer replicas = integer(Yaml.at(pool.raw(), "spec", "replicas"));
                total += replicas == null ? 0 : replicas;
            }
        }
        return total;
    }

    private void minInSync(Manifests.Obj o, String what, int replicas, int minIsr) {
        if (minIsr > replicas) {
            problem(o, what + " needs " + minIsr + " in-sync replicas of " + replicas + ": every write would be refused");
        } else if (replicas > 1 && minIsr == replicas) {
            problem(o, what + " needs all " + replicas + " replicas in sync: one broker down refuses every write");
        }
    }

    private void topics(Manifests.Obj kafka, int brokers, Integer clusterMinIsr) {
        Map<String, Manifests.Obj> byTopic = new LinkedHashMap<>();
        for (Manifests.Obj t : m.kind("KafkaTopic")) {
            if (!t.sameNamespace(kafka) || !kafka.name().equals(t.labels().get("strimzi.io/cluster"))) {
                continue;
            }
            String topicName = Optional.ofNullable(Yaml.stringAt(t.raw(), "spec", "topicName")).orElse(t.name());
            byTopic.put(topicName, t);
            Integer replicas = integer(Yaml.at(t.raw(), "spec", "replicas"));
            if (replicas == null) {
                problem(t, "does not state its replicas");
                continue;
            }
            if (replicas > brokers) {
                problem(t, "wants " + replicas + " replicas but Kafka " + kafka.name() + " has " + brokers + " brokers");
            }
            Integer minIsr = integer(Yaml.at(t.raw(), "spec", "config", "min.insync.replicas"));
            Integer effective = minIsr != null ? minIsr : clusterMinIsr;
            if (effective != null) {
                minInSync(t, "the topic", replicas, effective);
            }
        }
        for (String topic : new TreeSet<>(TOPICS)) {
            if (!byTopic.containsKey(topic)) {
                problem(kafka, "has no KafkaTopic for " + topic);
            }
        }
        Manifests.Obj tenants = byTopic.get(TENANTS_TOPIC);
        if (tenants != null && !"compact".equals(Yaml.stringAt(tenants.raw(), "spec", "config", "cleanup.policy"))) {
            problem(tenants, TENANTS_TOPIC + " must be compacted (cleanup.policy: compact): it holds each tenant's latest snapshot");
        }
        Manifests.Obj clusters = byTopic.get(CLUSTERS_TOPIC);
        if (clusters != null && !"compact".equals(Yaml.stringAt(clusters.raw(), "spec", "config", "cleanup.policy"))) {
            problem(clusters, CLUSTERS_TOPIC + " must be compacted (cleanup.policy: compact): it holds each database cluster's latest snapshot");
        }
        Manifests.Obj provisioning = byTopic.get(PROVISIONING_TOPIC);
        if (provisioning != null) {
            if (!"delete".equals(Yaml.stringAt(provisioning.raw(), "spec", "config", "cleanup.policy"))) {
                problem(provisioning, PROVISIONING_TOPIC + " must use cleanup.policy delete");
            }
            Long retention = longValue(Yaml.at(provisioning.raw(), "spec", "config", "retention.ms"));
            if (retention == null || retention != SEVEN_DAYS_MS) {
                problem(provisioning, PROVISIONING_TOPIC + " keeps " + retention + " ms instead of seven days (" + SEVEN_DAYS_MS + ")");
            }
        }
    }

    private void bootstrapAddress(Manifests.Obj d, String address) {
        String[] hostPort = address.split(":");
        String host = hostPort[0];
        Integer port = hostPort.length == 2 ? integer(hostPort[1]) : null;
        String suffix = "-kafka-bootstrap";
        Manifests.Obj kafka = host.endsWith(suffix) ? m.find("Kafka", d.namespace(), host.substring(0, host.length() - suffix.length())) : null;
        if (kafka == null) {
            problem(d, "KAFKA_BOOTSTRAP_SERVERS names " + host + ", which is not the bootstrap Service of a Kafka in the render");
            return;
        }
        boolean listener = Yaml.listAt(kafka.raw(), "spec", "kafka", "listeners").stream().map(Yaml::map)
                .anyMatch(l -> Objects.equals(integer(l.get("port")), port) && Boolean.TRUE.equals(l.get("tls"))
                        && SCRAM.equals(Yaml.stringAt(l, "authentication", "type")));
        if (!listener) {
            problem(d, "KAFKA_BOOTSTRAP_SERVERS uses port " + port + ", where Kafka " + kafka.name() + " has no TLS listener with SCRAM-SHA-512");
        }
    }

    /** No way in without TLS and a SCRAM-SHA-512 credential, and every request checked against the users' ACLs. */
    private void listeners(Manifests.Obj kafka) {
        List<Object> listeners = Yaml.listAt(kafka.raw(), "spec", "kafka", "listeners");
        if (listeners.isEmpty()) {
            problem(kafka, "has no listeners");
        }
        for (Object o : listeners) {
            Map<String, Object> l = Yaml.map(o);
            if (!Boolean.TRUE.equals(l.get("tls"))) {
                problem(kafka, "listener " + l.get("name") + " is not TLS (tls: true): credentials and events would cross the network in clear");
            }
            if (!SCRAM.equals(Yaml.stringAt(l, "authentication", "type"))) {
                problem(kafka, "listener " + l.get("name") + " does not require SCRAM-SHA-512 authentication (authentication.type: "
                        + Yaml.stringAt(l, "authentication", "type") + ")");
            }
        }
        if (!"simple".equals(Yaml.stringAt(kafka.raw(), "spec", "kafka", "authorization", "type"))) {
            problem(kafka, "does not authorize requests (spec.kafka.authorization.type: simple): the KafkaUsers' ACLs would not apply");
        }
        boolean users = m.kind("KafkaUser").stream().anyMatch(u -> u.sameNamespace(kafka) && kafka.name().equals(u.labels().get("strimzi.io/cluster")));
        if (users && Yaml.at(kafka.raw(), "spec", "entityOperator", "userOperator") == null) {
            problem(kafka, "has no User Operator (spec.entityOperator.userOperator): its KafkaUsers would get no credentials");
        }
    }

    /** The Secrets that Strimzi writes for the render's objects, with their keys; null for any other name. */
    static Set<String> strimziSecretKeys(Manifests m, String namespace, String name) {
        Manifests.Obj user = m.find("KafkaUser", namespace, name);
        if (user != null && SCRAM.equals(Yaml.stringAt(user.raw(), "spec", "authentication", "type"))) {
            return Set.of("password", "sasl.jaas.config");
        }
        String suffix = "-cluster-ca-cert";
        if (name.endsWith(suffix) && m.find("Kafka", namespace, name.substring(0, name.length() - suffix.length())) != null) {
            return Set.of("ca.crt", "ca.p12", "ca.password");
        }
        return null;
    }

    /** A service connects with TLS and SCRAM-SHA-512, as its own KafkaUser, trusting the cluster's CA. */
    private void kafkaClient(Manifests.Obj d, Map<String, String> env, String firstAddress) {
        if (!"SASL_SSL".equals(env.get("KAFKA_SECURITY_PROTOCOL"))) {
            problem(d, "KAFKA_SECURITY_PROTOCOL is " + env.get("KAFKA_SECURITY_PROTOCOL") + " instead of SASL_SSL");
        }
        if (!"SCRAM-SHA-512".equals(env.get("KAFKA_SASL_MECHANISM"))) {
            problem(d, "KAFKA_SASL_MECHANISM is " + env.get("KAFKA_SASL_MECHANISM") + " instead of SCRAM-SHA-512");
        }
        Manifests.Obj user = m.find("KafkaUser", d.namespace(), d.name());
        if (user == null) {
            problem(d, "has no KafkaUser of its own (a KafkaUser named " + d.name() + ")");
        }
        Optional<String> credentials = secretOf(m, d, "KAFKA_SASL_JAAS_CONFIG");
        if (credentials.isEmpty() || !credentials.get().equals(d.name())) {
            problem(d, "reads its Kafka credentials (KAFKA_SASL_JAAS_CONFIG) from " + credentials.map(n -> "Secret " + n).orElse("no Secret")
                    + " instead of Secret " + d.name() + ", the one of its own KafkaUser");
        }
        String host = firstAddress.split(":")[0];
        String cluster = host.endsWith("-kafka-bootstrap") ? host.substring(0, host.length() - "-kafka-bootstrap".length()) : host;
        Optional<String> trust = secretOf(m, d, "KAFKA_SSL_TRUSTSTORE_CERTIFICATES");
        if (trust.isEmpty() || !trust.get().equals(cluster + "-cluster-ca-cert")) {
            problem(d, "does not trust the CA of Kafka " + cluster + " (KAFKA_SSL_TRUSTSTORE_CERTIFICATES from Secret " + cluster + "-cluster-ca-cert)");
        } else if (!"PEM".equals(env.get("KAFKA_SSL_TRUSTSTORE_TYPE"))) {
            problem(d, "KAFKA_SSL_TRUSTSTORE_TYPE is " + env.get("KAFKA_SSL_TRUSTSTORE_TYPE") + " but the truststore is the PEM certificate ca.crt");
        }
    }

    /** Every KafkaUser is granted exactly what {@link #TOPIC_TABLE} gives its service (Describe aside, which reading and writing imply). */
    private void kafkaUsers() {
        for (Manifests.Obj u : m.kind("KafkaUser")) {
            KafkaAccess expected = TOPIC_TABLE.get(u.name());
            if (expected == null) {
                problem(u, "is no service of the topic table; no one else may use Kafka");
                expected = new KafkaAccess(Set.of(), Set.of(), Set.of(), Set.of());
            }
            if (!SCRAM.equals(Yaml.stringAt(u.raw(), "spec", "authentication", "type"))) {
                problem(u, "does not authenticate with SCRAM-SHA-512 (spec.authentication.type)");
            }
            if (!"simple".equals(Yaml.stringAt(u.raw(), "spec", "authorization", "type"))) {
                problem(u, "has no ACLs (spec.authorization.type: simple)");
            }
            Map<String, Set<String>> topics = new LinkedHashMap<>();
            Map<String, Set<String>> groups = new LinkedHashMap<>();
            for (Object o : Yaml.listAt(u.raw(), "spec", "authorization", "acls")) {
                Map<String, Object> acl = Yaml.map(o);
                if ("deny".equalsIgnoreCase(String.valueOf(acl.get("type")))) {
                    continue;
                }
                String type = Yaml.stringAt(acl, "resource", "type");
                String name = Yaml.stringAt(acl, "resource", "name");
                String pattern = Optional.ofNullable(Yaml.stringAt(acl, "resource", "patternType")).orElse("literal");
                List<String> operations = Yaml.listAt(acl, "operations").stream().map(String::valueOf).toList();
                if (!"literal".equals(pattern) || "*".equals(name)) {
                    problem(u, "grants " + operations + " on every " + type + " matching " + name + (pattern.equals("prefix") ? "*" : "")
                            + "; the topic table names topics and groups one by one");
                } else if ("topic".equals(type)) {
                    topics.computeIfAbsent(name, k -> new TreeSet<>()).addAll(operations);
                } else if ("group".equals(type)) {
                    groups.computeIfAbsent(name, k -> new TreeSet<>()).addAll(operations);
                } else {
                    problem(u, "grants " + operations + " on " + type + " " + Optional.ofNullable(name).orElse("")
                            + "; the topic table gives no service anything beyond topics and consumer groups");
                }
            }
            for (Map.Entry<String, Set<String>> t : topics.entrySet()) {
                for (String op : t.getValue()) {
                    String topic = t.getKey();
                    switch (op) {
                        case "Write" -> {
                            if (!expected.writes().contains(topic)) {
                                problem(u, "may write " + topic + ", which " + u.name() + " does not own"
                                        + (topic.equals(TENANTS_TOPIC) ? " (only " + CONTROL_PLANE + " writes the lifecycle events)" : ""));
                            }
                        }
                        case "Read" -> {
                            if (!expected.reads().contains(topic)) {
                                problem(u, "may read " + topic + ", which " + u.name() + " does not consume");
                            }
                        }
                        case "Create" -> {
                            if (!expected.creates().contains(topic)) {
                                problem(u, "may create " + topic + "; only " + CONTROL_PLANE + " creates the topics");
                            }
                        }
                        case "Describe", "DescribeConfigs" -> {
                        }
                        default -> problem(u, "grants " + op + " on " + topic + "; the topic table gives only Read, Write (and Create)");
                    }
                }
            }
            for (Map.Entry<String, Set<String>> g : groups.entrySet()) {
                for (String op : g.getValue()) {
                    if (!Set.of("Read", "Describe").contains(op)) {
                        problem(u, "grants " + op + " on consumer group " + g.getKey() + "; a consumer needs only Read");
                    } else if (op.equals("Read") && !expected.groups().contains(g.getKey())) {
                        problem(u, "may join consumer group " + g.getKey() + ", which is not one of " + u.name() + "'s");
                    }
                }
            }
            requireGrants(u, topics, expected.writes(), "Write", "cannot write %s, which " + u.name() + " produces");
            requireGrants(u, topics, expected.reads(), "Read", "cannot read %s, which " + u.name() + " consumes");
            requireGrants(u, groups, expected.groups(), "Read", "cannot read as consumer group %s, which " + u.name() + "'s listener joins");
            requireGrants(u, topics, expected.creates(), "Create", "cannot create %s, which " + u.name() + " creates when missing");
        }
    }

    /** A problem for each of {@code needed} on which {@code operation} is not granted; {@code text} names it at %s. */
    private void requireGrants(Manifests.Obj user, Map<String, Set<String>> granted, Set<String> needed, String operation, String text) {
        for (String name : new TreeSet<>(needed)) {
            if (!granted.getOrDefault(name, Set.of()).contains(operation)) {
                problem(user, String.format(text, name));
            }
        }
    }

    /** tenant-service creates the topics when missing; its settings must agree with the KafkaTopics and the brokers. */
    private void replicationSettings(Manifests.Obj d, Map<String, String> env) {
        Integer rf = integer(env.get("IPSC_KAFKA_REPLICATION_FACTOR"));
        Integer partitions = integer(env.get("IPSC_KAFKA_PARTITIONS"));
        if (rf == null && partitions == null) {
            return;
        }
        String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
        String host = bootstrap.split(",")[0].split(":")[0];
        Manifests.Obj kafka = host.endsWith("-kafka-bootstrap")
                ? m.find("Kafka", d.namespace(), host.substring(0, host.length() - "-kafka-bootstrap".length())) : null;
        if (kafka == null) {
            return;
        }
        int brokers = poolReplicas(kafka, "broker");
        if (rf != null && rf > brokers) {
            problem(d, "IPSC_KAFKA_REPLICATION_FACTOR is " + rf + " but Kafka " + kafka.name() + " has " + brokers + " brokers");
        }
        for (Manifests.Obj t : m.kind("KafkaTopic")) {
            if (!t.sameNamespace(d) || !kafka.name().equals(t.labels().get("strimzi.io/cluster"))) {
                continue;
            }
            Integer topicReplicas = integer(Yaml.at(t.raw(), "spec", "replicas"));
            Integer topicPartitions = integer(Yaml.at(t.raw(), "spec", "partitions"));
            if (rf != null && !Objects.equals(rf, topicReplicas)) {
                problem(d, "IPSC_KAFKA_REPLICATION_FACTOR is " + rf + " but KafkaTopic " + t.name() + " has " + topicReplicas + " replicas");
            }
            if (partitions != null && !Objects.equals(partitions, topicPartitions)) {
                problem(d, "IPSC_KAFKA_PARTITIONS is " + partitions + " but KafkaTopic " + t.name() + " has " + topicPartitions + " partitions");
            }
        }
    }

    // ---- PostgreSQL ----

    private void postgres() {
        for (Manifests.Obj c : cnpgClusters()) {
            List<Object> preload = Yaml.listAt(c.raw(), "spec", "postgresql", "shared_preload_libraries");
            if (!preload.contains("pg_stat_statements")) {
                problem(c, "does not preload pg_stat_statements (spec.postgresql.shared_preload_libraries)");
            }
            String owner = Yaml.stringAt(c.raw(), "spec", "bootstrap", "initdb", "owner");
            String secret = Yaml.stringAt(c.raw(), "spec", "bootstrap", "initdb", "secret", "name");
            if (owner == null || secret == null) {
                problem(c, "bootstraps no database owner with credentials from a Secret (spec.bootstrap.initdb.owner and .secret)");
            }
            if (secret != null) {
                new SecretLookup(c).check("bootstrap.initdb.secret", secret, "password");
            }
            Map<String, Map<String, Object>> roles = managedRoles(c);
            Set<String> mayCreate = new TreeSet<>();
            CREATES_DATABASES.forEach(service -> mayCreate.add(roleOf(service)));
            for (Map<String, Object> role : roles.values()) {
                String name = String.valueOf(role.get("name"));
                if (Yaml.stringAt(role, "passwordSecret", "name") != null) {
                    new SecretLookup(c).check("managed role " + name, Yaml.stringAt(role, "passwordSecret", "name"), "password");
                }
                if (Boolean.TRUE.equals(role.get("createdb")) && !mayCreate.contains(name)) {
                    problem(c, "gives the role " + name + " CREATEDB; only the roles of the services that create their tenants' databases "
                            + mayCreate + " may have it");
                }
                for (String power : List.of("superuser", "createrole", "bypassrls", "replication")) {
                    // The services that create their tenants' databases also move them (logical replication).
                    boolean needed = power.equals("replication") && mayCreate.contains(name);
                    if (Boolean.TRUE.equals(role.get(power)) && !needed) {
                        problem(c, "gives the role " + name + " " + power.toUpperCase() + "; no service needs it");
                    }
                }
                if (mayCreate.contains(name)) {
                    movingRole(c, name, role);
                }
            }
            if (PLATFORM_DATABASE.equals(Yaml.stringAt(c.raw(), "spec", "bootstrap", "initdb", "database"))) {
                platformDatabase(c, owner, secret, roles);
            }
        }
        for (Manifests.Obj d : m.kind("Deployment")) {
            Map<String, String> env = environment(m, d);
            String host = env.get("IPSC_PG_HOST");
            if (host == null) {
                continue;
            }
            Manifests.Obj cluster = host.endsWith("-rw") ? m.find("Cluster", d.namespace(), host.substring(0, host.length() - 3)) : null;
            if (cluster == null || !cluster.apiVersion().startsWith("postgresql.cnpg.io/")) {
                problem(d, "IPSC_PG_HOST is " + host + ", which is not the read-write Service (<cluster>-rw) of a CloudNativePG Cluster in the render");
                continue;
            }
            if (!"5432".equals(env.get("IPSC_PG_PORT"))) {
                problem(d, "IPSC_PG_PORT is " + env.get("IPSC_PG_PORT") + "; CloudNativePG listens on 5432");
            }
            if (d.name().equals(CONTROL_PLANE) && !PLATFORM_DATABASE.equals(Yaml.stringAt(cluster.raw(), "spec", "bootstrap", "initdb", "database"))) {
                problem(cluster, "does not bootstrap " + PLATFORM_DATABASE + ", the database of tenant-service");
            }
            serviceRole(d, env, cluster, "IPSC_PG_USER", "IPSC_PG_PASSWORD");
        }
        databaseClusters();
        for (Manifests.Obj c : cnpgClusters()) {
            connectionBudget(c);
            if (!"logical".equals(Yaml.stringAt(c.raw(), "spec", "postgresql", "parameters", "wal_level"))) {
                problem(c, "does not set wal_level: logical (spec.postgresql.parameters): a tenant is moved off a cluster by logical replication");
            }
        }
    }

    // ---- Database clusters (issue 20) ----

    /** The database cluster's names a service learns from IPSC_CLUSTERS (comma-separated); unset means main alone. */
    static List<String> clusterNames(Map<String, String> env) {
        String names = env.getOrDefault(CLUSTERS_VARIABLE, MAIN_CLUSTER);
        return Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    /** {@code IPSC_CLUSTERS_SECOND_HOST} for ({@code second}, {@code HOST}). */
    static String clusterVariable(String cluster, String key) {
        return CLUSTERS_VARIABLE + "_" + cluster.toUpperCase(java.util.Locale.ROOT) + "_" + key;
    }

    /**
     * Every cluster that tenant-service registers (its IPSC_CLUSTERS) can hold any tenant of any service, so
     * every service that keeps data has an address and credentials for each: main's are IPSC_PG_*, checked
     * above; another's IPSC_CLUSTERS_<NAME>_HOST and _PORT naming a CloudNativePG Cluster of the render, and
     * _USER and _PASSWORD from the Secret of the service's own role there.
     */
    private void databaseClusters() {
        Manifests.Obj control = m.kind("Deployment").stream().filter(d -> d.name().equals(CONTROL_PLANE)).findFirst().orElse(null);
        if (control == null) {
            return;
        }
        List<String> registered = clusterNames(environment(m, control));
        for (String name : registered) {
            if (!CLUSTER_NAME.matcher(name).matches()) {
                problem(control, CLUSTERS_VARIABLE + " names '" + name + "', which is not a cluster name (" + CLUSTER_NAME.pattern() + ")");
            }
        }
        if (!registered.contains(MAIN_CLUSTER)) {
            problem(control, CLUSTERS_VARIABLE + " " + registered + " lacks " + MAIN_CLUSTER + ", the cluster of IPSC_PG_* that every install has");
        }
        for (Manifests.Obj d : m.kind("Deployment")) {
            Map<String, String> env = environment(m, d);
            if (env.get("IPSC_PG_HOST") == null) {
                continue;
            }
            for (String name : registered) {
                if (name.equals(MAIN_CLUSTER) || !CLUSTER_NAME.matcher(name).matches()) {
                    continue;
                }
                String host = env.get(clusterVariable(name, "HOST"));
                Manifests.Obj cluster = host != null && host.endsWith("-rw")
                        ? m.find("Cluster", d.namespace(), host.substring(0, host.length() - 3)) : null;
                if (host == null) {
                    problem(d, "has no " + clusterVariable(name, "HOST") + ", but tenant-service registers cluster " + name
                            + " and may place any tenant there");
                    continue;
                }
                if (cluster == null || !cluster.apiVersion().startsWith("postgresql.cnpg.io/")) {
                    problem(d, clusterVariable(name, "HOST") + " is " + host
                            + ", which is not the read-write Service (<cluster>-rw) of a CloudNativePG Cluster in the render");
                    continue;
                }
                if (!"5432".equals(env.get(clusterVariable(name, "PORT")))) {
                    problem(d, clusterVariable(name, "PORT") + " is " + env.get(clusterVariable(name, "PORT")) + "; CloudNativePG listens on 5432");
                }
                serviceRole(d, env, cluster, clusterVariable(name, "USER"), clusterVariable(name, "PASSWORD"));
            }
        }
    }

    /**
     * A domain service's role moves its tenants' databases: REPLICATION on the source (the target's subscription
     * logs in as it), and on the target pg_create_subscription (CREATE SUBSCRIPTION without being a superuser).
     */
    private void movingRole(Manifests.Obj cluster, String name, Map<String, Object> role) {
        if (!Boolean.TRUE.equals(role.get("replication"))) {
            problem(cluster, "does not give the role " + name + " REPLICATION: a move's subscription logs in as it to copy a tenant's databases");
        }
        if (!Yaml.listAt(role, "inRoles").contains("pg_create_subscription")) {
            problem(cluster, "does not make " + name + " a member of pg_create_subscription: moving a tenant here creates a subscription");
        }
    }

    /** A service's PostgreSQL role: its name with "-" turned into "_", as database names are built from slugs. */
    static String roleOf(String service) {
        return service.replace('-', '_');
    }

    private static Map<String, Map<String, Object>> managedRoles(Manifests.Obj cluster) {
        Map<String, Map<String, Object>> roles = new LinkedHashMap<>();
        for (Object o : Yaml.listAt(cluster.raw(), "spec", "managed", "roles")) {
            Map<String, Object> role = Yaml.map(o);
            if (!"absent".equals(role.get("ensure"))) {
                roles.put(String.valueOf(role.get("name")), role);
            }
        }
        return roles;
    }

    /** Each service logs in as its own role, from that role's Secret, with CREATEDB exactly when it creates databases. */
    private void serviceRole(Manifests.Obj d, Map<String, String> env, Manifests.Obj cluster, String userVariable, String passwordVariable) {
        String name = roleOf(d.name());
        Map<String, Object> role = managedRoles(cluster).get(name);
        if (role == null) {
            problem(d, "has no role of its own in Cluster " + cluster.name() + " (spec.managed.roles: " + name + ")");
            return;
        }
        if (!Boolean.TRUE.equals(role.get("login"))) {
            problem(cluster, "does not let the role " + name + " log in (login: true)");
        }
        if (CREATES_DATABASES.contains(d.name()) && !Boolean.TRUE.equals(role.get("createdb"))) {
            problem(cluster, "does not give the role " + name + " CREATEDB: " + d.name() + " creates a database per tenant");
        }
        String own = Yaml.stringAt(role, "passwordSecret", "name");
        for (String variable : List.of(userVariable, passwordVariable)) {
            Optional<String> used = secretOf(m, d, variable);
            if (own == null || used.isEmpty() || !used.get().equals(own)) {
                problem(d, "logs in to PostgreSQL (" + variable + ") with " + used.map(n -> "Secret " + n).orElse("no Secret") + " instead of "
                        + (own == null ? "a Secret" : "Secret " + own) + " of its own role " + name);
            }
        }
        if (d.name().equals(CONTROL_PLANE)) {
            List<Object> memberOf = Yaml.listAt(role, "inRoles");
            if (memberOf.stream().noneMatch(STATS_ROLES::contains)) {
                problem(cluster, "does not make " + name + " a member of pg_read_all_stats: the operator's database views read every "
                        + "tenant database's size and statements");
            }
            return;
        }
        // A domain service reaches the maintenance database and its own databases, and no other service's.
        String module = d.name().replace("-service", "");
        String prefix = env.getOrDefault("TENANT_DATABASE_PREFIX", "tenant_");
        for (String own_ : List.of("postgres", prefix + "acme_" + module, "ipsc_template_" + module)) {
            if (!hbaAllows(cluster, own_, name)) {
                problem(cluster, "pg_hba refuses " + name + " its own database " + own_);
            }
        }
        for (String other : CREATES_DATABASES) {
            String otherModule = other.replace("-service", "");
            if (!other.equals(d.name()) && hbaAllows(cluster, prefix + "acme_" + otherModule, name)) {
                problem(cluster, "pg_hba lets " + name + " connect to " + prefix + "acme_" + otherModule + ", a database of " + other);
            }
        }
    }

    /** ipsc_platform: owned by tenant-service's role, CONNECT taken from PUBLIC, and pg_hba refusing every other role. */
    private void platformDatabase(Manifests.Obj c, String owner, String initdbSecret, Map<String, Map<String, Object>> roles) {
        String controlRole = roleOf(CONTROL_PLANE);
        if (!controlRole.equals(owner)) {
            problem(c, PLATFORM_DATABASE + " is owned by " + owner + " instead of " + controlRole);
        }
        Map<String, Object> role = roles.get(controlRole);
        if (role != null && initdbSecret != null && !initdbSecret.equals(Yaml.stringAt(role, "passwordSecret", "name"))) {
            problem(c, "bootstraps " + controlRole + " with Secret " + initdbSecret + " but manages it with " + Yaml.stringAt(role, "passwordSecret", "name"));
        }
        Pattern revoke = Pattern.compile(
                "(?i)^\\s*REVOKE\\s+(ALL(\\s+PRIVILEGES)?|CONNECT)\\b.*\\bON\\s+DATABASE\\s+\"?" + PLATFORM_DATABASE + "\"?\\s+FROM\\s+PUBLIC\\s*;?\\s*$");
        boolean revoked = Yaml.listAt(c.raw(), "spec", "bootstrap", "initdb", "postInitApplicationSQL").stream()
                .anyMatch(sql -> revoke.matcher(String.valueOf(sql)).matches());
        if (!revoked) {
            problem(c, "does not revoke CONNECT on " + PLATFORM_DATABASE + " from PUBLIC (bootstrap.initdb.postInitApplicationSQL): "
                    + "PostgreSQL lets every role connect to a new database");
        }
        Set<String> others = new TreeSet<>(roles.keySet());
        others.add("any_other_role");
        others.remove(controlRole);
        for (String other : others) {
            if (hbaAllows(c, PLATFORM_DATABASE, other)) {
                problem(c, "pg_hba lets " + other + " connect to " + PLATFORM_DATABASE + ", which is " + CONTROL_PLANE + "'s alone");
            }
        }
        if (!hbaAllows(c, PLATFORM_DATABASE, controlRole)) {
            problem(c, "pg_hba refuses " + controlRole + " its own database " + PLATFORM_DATABASE);
        }
    }

    /**
     * Whether the cluster's pg_hba lets {@code user} connect over TCP to {@code database}: the first
     * host line that matches decides; CloudNativePG's own lines before them concern only local,
     * replication and its pooler's connections, and its catch-all after them admits with a password.
     */
    static boolean hbaAllows(Manifests.Obj cluster, String database, String user) {
        for (Object o : Yaml.listAt(cluster.raw(), "spec", "postgresql", "pg_hba")) {
            String[] f = String.valueOf(o).strip().split("\\s+");
            if (f.length < 4 || !f[0].startsWith("host")) {
                continue;
            }
            if (hbaMatches(f[1], database, user) && hbaMatches(f[2], user, null)) {
                // The method follows the address (one field, or an address and a mask); only reject refuses.
                return Arrays.stream(f, 3, f.length).noneMatch("reject"::equals);
            }
        }
        return true;
    }

    /** One pg_hba database or user field: all, sameuser, names and /regular expressions/, comma-separated. */
    private static boolean hbaMatches(String field, String value, String user) {
        for (String item : field.split(",")) {
            if (item.equals("all") || item.equals(value) || item.equals("sameuser") && value.equals(user)
                    || item.startsWith("/") && Pattern.compile(item.substring(1)).matcher(value).find()) {
                return true;
            }
        }
        return false;
    }

    private List<Manifests.Obj> cnpgClusters() {
        return m.kind("Cluster").stream().filter(c -> c.apiVersion().startsWith("postgresql.cnpg.io/")).toList();
    }

    /** A Secret referenced from a custom resource resolves like one referenced from a pod. */
    private final class SecretLookup {
        private final Manifests.Obj owner;

        SecretLookup(Manifests.Obj owner) {
            this.owner = owner;
        }

        void check(String where, String name, String key) {
            if (m.find("Secret", owner.namespace(), name) != null) {
                return;
            }
            KnownSecrets.Entry known = secrets.byName().get(name);
            if (known == null) {
                problem(owner, where + " reads Secret " + name + ", which is neither in the render nor in external-secrets.txt");
            } else if (!known.keys().contains(key)) {
                problem(owner, where + " reads key " + key + " of Secret " + name + ", which external-secrets.txt does not list");
            } else if (!known.type().equals("kubernetes.io/basic-auth")) {
                problem(owner, where + ": CloudNativePG needs Secret " + name + " to be of type kubernetes.io/basic-auth, not " + known.type());
            }
        }
    }

    /**
     * Every instance that can run at once (the autoscaler's maximum plus the rollout's surge) times the
     * connections one instance may hold must fit what PostgreSQL allows the services.
     */
    private void connectionBudget(Manifests.Obj cluster) {
        Integer max = integer(Yaml.at(cluster.raw(), "spec", "postgresql", "parameters", "max_connections"));
        if (max == null) {
            problem(cluster, "does not state max_connections, so the services' connection budget cannot be checked");
            return;
        }
        Integer reservedSetting = integer(Yaml.at(cluster.raw(), "spec", "postgresql", "parameters", "superuser_reserved_connections"));
        int available = max - (reservedSetting == null ? 3 : reservedSetting) - OPERATOR_CONNECTIONS;
        int total = 0;
        StringBuilder parts = new StringBuilder();
        for (Manifests.Obj d : m.kind("Deployment")) {
            Map<String, String> env = environment(m, d);
            if (!usesCluster(env, cluster) || !cluster.sameNamespace(d)) {
                continue;
            }
            Integer perInstance = connectionsPerInstance(env);
            if (perInstance == null) {
                problem(d, "uses PostgreSQL but states no pool sizes (IPSC_POOL_* or QUARKUS_DATASOURCE_*_MAX_SIZE)");
                continue;
            }
            int instances = maxInstances(d);
            total += instances * perInstance;
            parts.append(String.format("%n    %s: %d instances x %d", d.name(), instances, perInstance));
        }
        if (total > available) {
            problem(cluster, "the services may open " + total + " connections but max_connections " + max + " leaves them "
                    + available + ":" + parts);
        }
    }

    /**
     * Whether a service connects to {@code cluster}: as main (IPSC_PG_HOST) or as another cluster it knows. Its
     * pools are bounded per instance, not per cluster, so it may hold them all on any one of them.
     */
    private static boolean usesCluster(Map<String, String> env, Manifests.Obj cluster) {
        String rw = cluster.name() + "-rw";
        return rw.equals(env.get("IPSC_PG_HOST"))
                || clusterNames(env).stream().anyMatch(name -> rw.equals(env.get(clusterVariable(name, "HOST"))));
    }

    private static Integer connectionsPerInstance(Map<String, String> env) {
        Integer pools = integer(env.get("IPSC_POOL_MAX_OPEN_POOLS"));
        Integer size = integer(env.get("IPSC_POOL_MAX_SIZE_PER_TENANT"));
        if (pools != null && size != null) {
            // Provisioning opens its own connections beside the pools: the catch-up workers at start, then the
            // provisioner's lanes (never both at once), each lane one at a time, and one to spare.
            int catchUp = Optional.ofNullable(integer(env.get("IPSC_PROVISIONING_CATCH_UP_PARALLELISM"))).orElse(2);
            int lanes = Optional.ofNullable(integer(env.get("IPSC_PROVISIONING_PARALLELISM"))).orElse(3);
            int provisioning = Math.max(catchUp, lanes) + 1;
            return pools * size + provisioning;
        }
        Integer reactive = integer(env.get("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE"));
        Integer jdbc = integer(env.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"));
        if (reactive != null && jdbc != null) {
            return reactive + jdbc;
        }
        return null;
    }

    private int maxInstances(Manifests.Obj d) {
        Deployment dep = m.typed(d, Deployment.class);
        int replicas = Optional.ofNullable(dep.getSpec().getReplicas()).orElse(1);
        for (Manifests.Obj h : m.kind("HorizontalPodAutoscaler")) {
            HorizontalPodAutoscaler hpa = m.typed(h, HorizontalPodAutoscaler.class);
            if (h.sameNamespace(d) && hpa.getSpec() != null && hpa.getSpec().getScaleTargetRef() != null
                    && d.name().equals(hpa.getSpec().getScaleTargetRef().getName()) && hpa.getSpec().getMaxReplicas() != null) {
                replicas = Math.max(replicas, hpa.getSpec().getMaxReplicas());
            }
        }
        IntOrString surge = dep.getSpec().getStrategy() != null && dep.getSpec().getStrategy().getRollingUpdate() != null
                ? dep.getSpec().getStrategy().getRollingUpdate().getMaxSurge() : new IntOrString("25%");
        int extra;
        if (surge == null) {
            extra = (int) Math.ceil(replicas * 0.25);
        } else if (surge.getIntVal() != null) {
            extra = surge.getIntVal();
        } else {
            extra = (int) Math.ceil(replicas * Double.parseDouble(surge.getStrVal().replace("%", "")) / 100.0);
        }
        return replicas + extra;
    }

    static Integer integer(Object v) {
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(Object v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.valueOf(v.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
