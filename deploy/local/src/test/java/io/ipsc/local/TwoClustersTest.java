package io.ipsc.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IPSC_PG_CLUSTERS=2 as the launcher runs it, without services: both clusters start, each on its own
 * port and data folder, both able to be a move's source (wal_level logical, slots and senders), the
 * platform database on main alone; stopping the suite stops both.
 */
class TwoClustersTest {

    private static final List<String> MOVE_SETTINGS = List.of("wal_level", "max_replication_slots", "max_wal_senders");

    @Test
    void bothClustersStartReadyForMovesAndStopTogether(@TempDir Path home) throws Exception {
        StateDir state = new StateDir(home);
        LaunchConfig config = new LaunchConfig(Path.of("/nonexistent-repo"), state, Ports.freePort(), Optional.empty(),
                Ports.freePort(), Ports.freePort(), Optional.empty(), Optional.empty(), Optional.empty(), Durability.FAST,
                List.of("main", "second"));
        RunningSuite suite = new RunningSuite(state, Durability.FAST);
        ReadySummary summary;
        try {
            summary = new SuiteStarter(config, suite, List.of(), false, Map.of(), Duration.ofSeconds(60)).start();
            assertEquals(List.of("main", "second"), List.copyOf(summary.clusters().keySet()));
            PostgresAddress main = summary.clusters().get("main");
            PostgresAddress second = summary.clusters().get("second");
            assertEquals(config.postgresPort(), main.port());
            assertTrue(second.port() > main.port(), "second listens on a port after main's: " + second.port());
            for (PostgresAddress server : List.of(main, second)) {
                assertEquals(Map.of("wal_level", "logical", "max_replication_slots", "32", "max_wal_senders", "32"),
                        PostgresDatabases.settings(server, MOVE_SETTINGS), server.display());
            }
            assertTrue(Files.isRegularFile(state.postgresData("second").resolve("PG_VERSION")), "second has a data folder of its own");
            assertTrue(databases(main).contains(Launcher.PLATFORM_DATABASE));
            assertFalse(databases(second).contains(Launcher.PLATFORM_DATABASE), "the platform database is main's alone");
        } finally {
            suite.stop();
        }
        assertFalse(Ports.isListening(summary.clusters().get("main").port()), "main stopped");
        assertFalse(Ports.isListening(summary.clusters().get("second").port()), "second stopped");
    }

    private static List<String> databases(PostgresAddress server) throws Exception {
        try (Connection c = server.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
