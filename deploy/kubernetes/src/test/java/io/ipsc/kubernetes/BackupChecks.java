package io.ipsc.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * PostgreSQL backups through CloudNativePG's Barman Cloud plugin: each cluster that archives its WAL names
 * an ObjectStore of the render, the store takes its credentials from a Secret that exists and keeps backups
 * for a stated time, and each ScheduledBackup backs up such a cluster with the plugin. A backup that points
 * nowhere fails only on the day it is needed; here it fails the build.
 */
final class BackupChecks {

    static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

    /** How a check reads a Secret reference ({@link ManifestChecks#secret}): in the render or external. */
    interface SecretReads {
        void read(Manifests.Obj o, String where, String name, String key);
    }

    private final Manifests m;
    private final SecretReads secrets;
    private final List<String> out;

    private BackupChecks(Manifests m, SecretReads secrets, List<String> out) {
        this.m = m;
        this.secrets = secrets;
        this.out = out;
    }

    static void check(Manifests m, SecretReads secrets, List<String> out) {
        BackupChecks c = new BackupChecks(m, secrets, out);
        c.objectStores();
        c.clusters();
        c.schedules();
    }

    private void problem(Manifests.Obj o, String text) {
        out.add(o.ref() + ": " + text);
    }

    private void objectStores() {
        for (Manifests.Obj store : m.kind("ObjectStore")) {
            if (Yaml.stringAt(store.raw(), "spec", "configuration", "destinationPath") == null) {
                problem(store, "has no spec.configuration.destinationPath");
            }
            for (String credential : List.of("accessKeyId", "secretAccessKey")) {
                String name = Yaml.stringAt(store.raw(), "spec", "configuration", "s3Credentials", credential, "name");
                String key = Yaml.stringAt(store.raw(), "spec", "configuration", "s3Credentials", credential, "key");
                if (name == null || key == null) {
                    problem(store, "takes no " + credential + " from a Secret (spec.configuration.s3Credentials." + credential + ")");
                } else {
                    secrets.read(store, "s3Credentials." + credential, name, key);
                }
            }
            if (Yaml.stringAt(store.raw(), "spec", "retentionPolicy") == null) {
                problem(store, "keeps every backup forever (no spec.retentionPolicy)");
            }
        }
    }

    private void clusters() {
        for (Manifests.Obj cluster : m.kind("Cluster")) {
            String store = walArchive(cluster);
            if (store != null && m.find("ObjectStore", cluster.namespace(), store) == null) {
                problem(cluster, "archives its WAL to ObjectStore " + store + ", which is not in the render");
            }
        }
    }

    private void schedules() {
        for (Manifests.Obj schedule : m.kind("ScheduledBackup")) {
            String name = Yaml.stringAt(schedule.raw(), "spec", "cluster", "name");
            Manifests.Obj cluster = name == null ? null : m.find("Cluster", schedule.namespace(), name);
            if (cluster == null || walArchive(cluster) == null) {
                problem(schedule, "backs up " + name + ", which is not a Cluster of the render that archives its WAL (spec.plugins: "
                        + BARMAN_PLUGIN + " with isWALArchiver)");
            }
            if (!"plugin".equals(Yaml.stringAt(schedule.raw(), "spec", "method"))
                    || !BARMAN_PLUGIN.equals(Yaml.stringAt(schedule.raw(), "spec", "pluginConfiguration", "name"))) {
                problem(schedule, "does not back up through the " + BARMAN_PLUGIN + " plugin (spec.method: plugin, spec.pluginConfiguration.name)");
            }
            if (Yaml.stringAt(schedule.raw(), "spec", "schedule") == null) {
                problem(schedule, "has no spec.schedule");
            }
        }
    }

    /** The ObjectStore a cluster archives its WAL to, or null when it archives none. */
    static String walArchive(Manifests.Obj cluster) {
        for (Object entry : Yaml.listAt(cluster.raw(), "spec", "plugins")) {
            Map<String, Object> plugin = Yaml.map(entry);
            if (BARMAN_PLUGIN.equals(plugin.get("name")) && Boolean.TRUE.equals(plugin.get("isWALArchiver"))) {
                return Yaml.stringAt(plugin, "parameters", "barmanObjectName");
            }
        }
        return null;
    }
}
