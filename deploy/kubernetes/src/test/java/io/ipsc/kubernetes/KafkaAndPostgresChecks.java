package io.ipsc.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks that tie the services' configuration to the Kafka and PostgreSQL clusters they use:
 * bootstrap addresses and database hosts name clusters in the render, replication never asks for
 * more brokers than exist, the topics have the retention the design fixes, PostgreSQL preloads
 * pg_stat_statements and gives the services' role CREATEDB, and the most connections the services
 * can open (every autoscaler at its maximum, plus a rollout's surge pod) fit max_connections.
 */
final class KafkaAndPostgresChecks {

    static final String TENANTS_TOPIC = "ipsc.tenants";
    static final String PROVISIONING_TOPIC = "ipsc.provisioning";
    static final String PLATFORM_DATABASE = "ipsc_platform";
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
        }
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
        Manifests.Obj tenants = byTopic.get(TENANTS_TOPIC);
        if (tenants == null) {
            problem(kafka, "has no KafkaTopic for " + TENANTS_TOPIC);
        } else if (!"compact".equals(Yaml.stringAt(tenants.raw(), "spec", "config", "cleanup.policy"))) {
            problem(tenants, TENANTS_TOPIC + " must be compacted (cleanup.policy: compact): it holds each tenant's latest snapshot");
        }
        Manifests.Obj provisioning = byTopic.get(PROVISIONING_TOPIC);
        if (provisioning == null) {
            problem(kafka, "has no KafkaTopic for " + PROVISIONING_TOPIC);
        } else {
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
                .anyMatch(l -> Objects.equals(integer(l.get("port")), port) && Boolean.FALSE.equals(l.get("tls")));
        if (!listener) {
            problem(d, "KAFKA_BOOTSTRAP_SERVERS uses port " + port + ", where Kafka " + kafka.name() + " has no plain (non-TLS) listener");
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
            Map<String, Object> role = Yaml.listAt(c.raw(), "spec", "managed", "roles").stream().map(Yaml::map)
                    .filter(r -> Objects.equals(owner, r.get("name"))).findFirst().orElse(null);
            if (role == null || !Boolean.TRUE.equals(role.get("createdb")) || !Boolean.TRUE.equals(role.get("login"))) {
                problem(c, "does not give the role " + owner + " LOGIN and CREATEDB (spec.managed.roles): the domain services create a database per tenant");
            } else if (Yaml.stringAt(role, "passwordSecret", "name") != null) {
                new SecretLookup(c).check("managed role " + owner, Yaml.stringAt(role, "passwordSecret", "name"), "password");
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
            String initdbSecret = Yaml.stringAt(cluster.raw(), "spec", "bootstrap", "initdb", "secret", "name");
            Optional<String> userSecret = secretOf(m, d, "IPSC_PG_USER");
            if (userSecret.isEmpty() || !userSecret.get().equals(initdbSecret)) {
                problem(d, "logs in to PostgreSQL with " + userSecret.orElse("no Secret") + " instead of " + initdbSecret
                        + ", the credentials of the role with CREATEDB");
            }
            if (d.name().equals("tenant-service") && !PLATFORM_DATABASE.equals(Yaml.stringAt(cluster.raw(), "spec", "bootstrap", "initdb", "database"))) {
                problem(cluster, "does not bootstrap " + PLATFORM_DATABASE + ", the database of tenant-service");
            }
        }
        for (Manifests.Obj c : cnpgClusters()) {
            connectionBudget(c);
        }
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
            if (!(cluster.name() + "-rw").equals(env.get("IPSC_PG_HOST")) || !cluster.sameNamespace(d)) {
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
