package io.ipsc.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the services learn of the run's database clusters (the contract of issue 20). */
class LocalClustersTest {

    private static final PostgresAddress MAIN = new PostgresAddress("127.0.0.1", 15432, "postgres", "postgres");

    @Test
    void oneClusterIsNamedSoThatAStaleShellValueCannotAddAnother() {
        assertEquals(Map.of("IPSC_CLUSTERS", "main"), LocalClusters.serviceEnvironment(Map.of("main", MAIN)));
    }

    @Test
    void theSecondClusterIsHandedToEveryServiceByName() {
        Map<String, PostgresAddress> clusters = new LinkedHashMap<>();
        clusters.put("main", MAIN);
        clusters.put("second", new PostgresAddress("127.0.0.1", 15433, "postgres", "pw2"));
        assertEquals(Map.of(
                "IPSC_CLUSTERS", "main,second",
                "IPSC_CLUSTERS_SECOND_HOST", "127.0.0.1",
                "IPSC_CLUSTERS_SECOND_PORT", "15433",
                "IPSC_CLUSTERS_SECOND_USER", "postgres",
                "IPSC_CLUSTERS_SECOND_PASSWORD", "pw2"), LocalClusters.serviceEnvironment(clusters));
    }

    @Test
    void eachClusterHasItsOwnDataFolderAndLogMainKeepsTheOldOnes() {
        StateDir state = new StateDir(Path.of("/home/.ipsc"));
        assertEquals(state.postgresData(), state.postgresData("main"));
        assertEquals(Path.of("/home/.ipsc/postgres-second"), state.postgresData("second"));
        assertEquals("postgres-second", StateDir.postgresName("second"));
        assertEquals("IPSC_CLUSTERS_SECOND_PASSWORD", LocalClusters.variable("second", "PASSWORD"));
    }

    @Test
    void aClusterWithDataThatThisRunDoesNotStartIsNamed(@TempDir Path home) throws Exception {
        StateDir state = new StateDir(home);
        assertEquals(List.of(), LocalClusters.leftOut(state, List.of("main")), "no data, nothing left out");
        Files.createDirectories(state.postgresData("second"));
        Files.writeString(state.postgresData("second").resolve("PG_VERSION"), "17\n");
        assertEquals(List.of("second"), LocalClusters.leftOut(state, List.of("main")));
        assertEquals(List.of(), LocalClusters.leftOut(state, List.of("main", "second")));
    }
}
