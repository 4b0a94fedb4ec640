package io.ipsc.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ipsc down} with many tenants: the launcher's stop of PostgreSQL returns only once the server is gone after a
 * clean shutdown (a checkpoint first, then the fast shutdown awaited), so that nothing kills a server still writing
 * its shutdown checkpoint and the next start needs no recovery.
 */
class LocalPostgresStopTest {

    @Test
    void closeReturnsOnceTheServerHasShutDownCleanlyAndTheNextStartNeedsNoRecovery(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        Path log = dir.resolve("postgres.log");
        ProcessHandle postmaster;
        try (LocalPostgres postgres = LocalPostgres.start(data, 0, log, false, Durability.DURABLE)) {
            postmaster = LocalPostgres.postmaster(data).orElseThrow();
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.SUPERUSER,
                    LocalPostgres.SUPERUSER_PASSWORD); Statement st = c.createStatement()) {
                // Some databases with unflushed pages, so that there is something to checkpoint.
                for (int i = 0; i < 5; i++) {
                    st.execute("CREATE DATABASE stop_test_" + i);
                }
                st.execute("CREATE TABLE filler AS SELECT g, md5(g::text) FROM generate_series(1, 50000) g");
            }
        }
        assertFalse(postmaster.isAlive(), "the postmaster has exited when close returns");
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "and removed its pid file");
        assertTrue(Files.readString(log, StandardCharsets.UTF_8).contains("database system is shut down"),
                "a clean shutdown, not one cut short");

        long before = Files.size(log);
        try (LocalPostgres again = LocalPostgres.start(data, 0, log, false, Durability.DURABLE)) {
            String restart = Files.readString(log, StandardCharsets.UTF_8).substring((int) before);
            assertTrue(restart.contains("database system was shut down at"), restart);
            assertFalse(restart.contains("automatic recovery in progress"), restart);
        }
    }

    @Test
    void aServerThatIsNotRunningHasNoPostmaster(@TempDir Path dir) {
        assertTrue(LocalPostgres.postmaster(dir).isEmpty());
    }
}
