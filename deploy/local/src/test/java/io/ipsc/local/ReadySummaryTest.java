package io.ipsc.local;

import io.ipsc.local.backup.LocalBackups;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run with two database clusters tells the person and the script. */
class ReadySummaryTest {

    private static ReadySummary summary(Map<String, PostgresAddress> clusters) {
        return new ReadySummary(new StateDir(Path.of("/home/.ipsc")), List.of(), List.of(), clusters, true,
                "127.0.0.1:19092", true, new AdminCredentials("admin@ipsc.local", "s3cret-admin"),
                Durability.FAST.postgresSettings(), Map.of(), new StartupSteps().finish());
    }

    private static Map<String, PostgresAddress> twoClusters() {
        Map<String, PostgresAddress> clusters = new LinkedHashMap<>();
        clusters.put("main", new PostgresAddress("127.0.0.1", 15432, "postgres", "postgres"));
        clusters.put("second", new PostgresAddress("127.0.0.1", 15433, "postgres", "postgres"));
        return clusters;
    }

    @Test
    void theSummaryNamesBothClustersAndTheirData() {
        String text = summary(twoClusters()).text();
        assertTrue(text.contains("cluster main: 127.0.0.1:15432 (user postgres), password postgres, data in /home/.ipsc/postgres\n"), text);
        assertTrue(text.contains("cluster second: 127.0.0.1:15433 (user postgres), password postgres, data in /home/.ipsc/postgres-second\n"), text);
        assertTrue(text.contains("psql -h 127.0.0.1 -p 15432 -U postgres ipsc_platform"), "the platform database is on main");
    }

    @Test
    void theEndpointsGiveTheScriptAndTheBackupsEachCluster() {
        Map<String, String> endpoints = LocalBackups.parseEndpoints(summary(twoClusters()).endpoints());
        assertEquals("15432", endpoints.get("IPSC_PG_PORT"));
        assertEquals("main,second", endpoints.get("IPSC_CLUSTERS"));
        assertEquals("127.0.0.1", endpoints.get("IPSC_CLUSTERS_SECOND_HOST"));
        assertEquals("15433", endpoints.get("IPSC_CLUSTERS_SECOND_PORT"));
        assertEquals("postgres", endpoints.get("IPSC_CLUSTERS_SECOND_USER"));
        assertFalse(endpoints.containsKey("IPSC_CLUSTERS_SECOND_PASSWORD"), "the file holds addresses, not passwords");
    }

    @Test
    void oneClusterReadsAsBefore() {
        Map<String, PostgresAddress> main = Map.of("main", new PostgresAddress("127.0.0.1", 15432, "postgres", "postgres"));
        String text = summary(main).text();
        assertTrue(text.contains("PostgreSQL:  127.0.0.1:15432 (user postgres)"), text);
        assertFalse(text.contains("cluster"), text);
        assertEquals("main", LocalBackups.parseEndpoints(summary(main).endpoints()).get("IPSC_CLUSTERS"));
    }
}
