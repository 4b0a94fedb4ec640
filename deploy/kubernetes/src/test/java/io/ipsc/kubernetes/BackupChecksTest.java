package io.ipsc.kubernetes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupChecksTest {

    static final String SOUND = """
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata: {name: db, namespace: ipsc}
            spec:
              plugins:
                - name: barman-cloud.cloudnative-pg.io
                  isWALArchiver: true
                  parameters: {barmanObjectName: store}
            ---
            apiVersion: barmancloud.cnpg.io/v1
            kind: ObjectStore
            metadata: {name: store, namespace: ipsc}
            spec:
              configuration:
                destinationPath: s3://bucket/db/
                s3Credentials:
                  accessKeyId: {name: s3, key: ACCESS_KEY_ID}
                  secretAccessKey: {name: s3, key: ACCESS_SECRET_KEY}
              retentionPolicy: "30d"
            ---
            apiVersion: postgresql.cnpg.io/v1
            kind: ScheduledBackup
            metadata: {name: nightly, namespace: ipsc}
            spec:
              schedule: "0 30 1 * * *"
              cluster: {name: db}
              method: plugin
              pluginConfiguration: {name: barman-cloud.cloudnative-pg.io}
            """;

    private static final KnownSecrets SECRETS = KnownSecrets.parse(List.of("s3 Opaque ACCESS_KEY_ID ACCESS_SECRET_KEY"));

    private static List<String> problems(String yaml) {
        List<String> out = new ArrayList<>();
        BackupChecks.check(Manifests.parse(yaml), (o, where, name, key) -> {
            KnownSecrets.Entry known = SECRETS.byName().get(name);
            if (known == null || !known.keys().contains(key)) {
                out.add(o.ref() + ": " + where + " reads key " + key + " of Secret " + name + ", which does not exist");
            }
        }, out);
        return out;
    }

    @Test
    void theSoundFixturePasses() {
        assertEquals(List.of(), problems(SOUND));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            archive to a missing store     | barmanObjectName: store}     | barmanObjectName: other}      | archives its WAL to ObjectStore other, which is not in the render
            credentials from nowhere       | accessKeyId: {name: s3       | accessKeyId: {name: s4        | reads key ACCESS_KEY_ID of Secret s4
            no retention                   | retentionPolicy: "30d"       | labels: {}                    | keeps every backup forever
            schedule of another cluster    | cluster: {name: db}          | cluster: {name: elsewhere}    | backs up elsewhere, which is not a Cluster of the render
            cluster that archives nothing  | isWALArchiver: true          | isWALArchiver: false          | backs up db, which is not a Cluster of the render that archives its WAL
            schedule without the plugin    | method: plugin               | method: volumeSnapshot        | does not back up through the barman-cloud.cloudnative-pg.io plugin
            """)
    void aBrokenBackupFails(String what, String from, String to, String expected) {
        assertTrue(SOUND.contains(from), what);
        List<String> found = problems(SOUND.replace(from, to));
        assertTrue(found.stream().anyMatch(p -> p.contains(expected)),
                () -> what + ": expected a problem containing '" + expected + "', got:\n  " + String.join("\n  ", found));
    }

    @Test
    void productionArchivesEveryPostgresClusterAndBacksItUpNightly() {
        Manifests prod = Manifests.of(Renderers.READER.render(Renderers.root().resolve("overlays/prod")));
        for (Manifests.Obj cluster : prod.kind("Cluster")) {
            if (!cluster.apiVersion().startsWith("postgresql.cnpg.io/")) {
                continue;
            }
            assertEquals("ipsc-pg-backups", BackupChecks.walArchive(cluster), cluster.ref() + " archives its WAL");
            assertTrue(prod.kind("ScheduledBackup").stream()
                            .anyMatch(s -> cluster.name().equals(Yaml.stringAt(s.raw(), "spec", "cluster", "name"))),
                    cluster.ref() + " has a ScheduledBackup");
        }
        assertEquals(List.of(), ManifestChecks.check(prod, KnownSecrets.load(Renderers.root().resolve("external-secrets.txt")))
                .stream().filter(p -> p.contains("Backup") || p.contains("ObjectStore") || p.contains("archive")).toList());
    }
}
