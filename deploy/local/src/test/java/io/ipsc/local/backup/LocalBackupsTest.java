package io.ipsc.local.backup;

import io.ipsc.local.Durability;
import io.ipsc.local.LocalPostgres;
import io.ipsc.local.PostgresAddress;
import io.ipsc.local.StateDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup taken while rows are committed without pause, restored into an empty state folder: every row
 * committed before the backup began is there, in every database, and numbering has no gap (the copy is of
 * one instant, not of each file at its own moment).
 */
class LocalBackupsTest {

    private static final List<String> DATABASES = List.of("tenant_a_invoicing", "tenant_b_invoicing");

    @Test
    void aBackupTakenUnderWritesRestoresEveryCommittedRowWithoutAGap(@TempDir Path root) throws Exception {
        StateDir live = new StateDir(root.resolve("live"));
        live.create();
        Path backup = root.resolve("backup");
        long committedBeforeBackup;
        AtomicLong committed = new AtomicLong();
        AtomicReference<Exception> writerFailed = new AtomicReference<>();
        try (LocalPostgres postgres = LocalPostgres.start(live.postgresData(), 0, Durability.DURABLE)) {
            PostgresAddress server = postgres.address();
            for (String database : DATABASES) {
                postgres.createDatabaseIfMissing(database);
                try (Connection c = server.connect(database); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE invoices (number bigint PRIMARY KEY, body text NOT NULL)");
                }
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> write(server, writing, committed, writerFailed), "invoice-writer");
            writer.start();
            waitFor(() -> committed.get() >= 200);
            committedBeforeBackup = committed.get();
            Map<String, String> endpoints = Map.of("IPSC_PG_EMBEDDED", "true", "IPSC_PG_HOST", "127.0.0.1",
                    "IPSC_PG_PORT", Integer.toString(postgres.port()), "IPSC_PG_USER", LocalPostgres.SUPERUSER);
            LocalBackups.backup(live, endpoints, Optional.of(backup));
            long committedAfterBackup = committed.get();
            writing.set(false);
            writer.join();
            assertEquals(null, writerFailed.get(), "the writer must not fail while the backup runs");
            assertTrue(committedAfterBackup > committedBeforeBackup, "writes went on during the backup");
        }

        StateDir restored = new StateDir(root.resolve("restored"));
        LocalBackups.restore(backup, restored);
        try (LocalPostgres postgres = LocalPostgres.start(restored.postgresData(), 0, Durability.DURABLE)) {
            for (String database : DATABASES) {
                try (Connection c = postgres.address().connect(database); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*), coalesce(max(number), 0) FROM invoices")) {
                    rs.next();
                    long count = rs.getLong(1);
                    long max = rs.getLong(2);
                    assertTrue(max >= committedBeforeBackup, database + ": " + max + " rows back, "
                            + committedBeforeBackup + " were committed before the backup began");
                    assertEquals(max, count, database + ": numbers 1.." + max + " without a gap");
                }
            }
        }
    }

    /** With IPSC_PG_CLUSTERS=2 a backup holds both clusters, and a restore brings each back into its own folder. */
    @Test
    void aBackupOfTwoClustersRestoresEach(@TempDir Path root) throws Exception {
        StateDir live = new StateDir(root.resolve("live"));
        live.create();
        Path backup = root.resolve("backup");
        Map<String, String> databases = Map.of("main", "tenant_a_invoicing", "second", "tenant_b_invoicing");
        try (LocalPostgres main = LocalPostgres.start(live.postgresData("main"), 0, Durability.FAST);
             LocalPostgres second = LocalPostgres.start(live.postgresData("second"), 0, Durability.FAST)) {
            for (LocalPostgres server : List.of(main, second)) {
                String database = databases.get(server == main ? "main" : "second");
                server.createDatabaseIfMissing(database);
                try (Connection c = server.address().connect(database); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE invoices (number bigint PRIMARY KEY)");
                    st.execute("INSERT INTO invoices SELECT generate_series(1, 7)");
                }
            }
            Map<String, String> endpoints = Map.of("IPSC_PG_EMBEDDED", "true", "IPSC_PG_HOST", "127.0.0.1",
                    "IPSC_PG_PORT", Integer.toString(main.port()), "IPSC_PG_USER", LocalPostgres.SUPERUSER,
                    "IPSC_CLUSTERS", "main,second", "IPSC_CLUSTERS_SECOND_HOST", "127.0.0.1",
                    "IPSC_CLUSTERS_SECOND_PORT", Integer.toString(second.port()), "IPSC_CLUSTERS_SECOND_USER", LocalPostgres.SUPERUSER);
            LocalBackups.backup(live, endpoints, Optional.of(backup));
        }

        StateDir restored = new StateDir(root.resolve("restored"));
        assertEquals("main,second", LocalBackups.restore(backup, restored).getProperty("clusters"));
        for (Map.Entry<String, String> cluster : databases.entrySet()) {
            try (LocalPostgres server = LocalPostgres.start(restored.postgresData(cluster.getKey()), 0, Durability.FAST);
                 Connection c = server.address().connect(cluster.getValue()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM invoices")) {
                rs.next();
                assertEquals(7, rs.getLong(1), cluster.getKey() + " restored into " + restored.postgresData(cluster.getKey()));
            }
        }
    }

    @Test
    void aRestoreRefusesAFolderThatIsNotABackupOrAStateThatHasData(@TempDir Path root) throws Exception {
        StateDir state = new StateDir(root.resolve("state"));
        IllegalArgumentException notABackup = assertThrows(IllegalArgumentException.class,
                () -> LocalBackups.restore(root, state));
        assertTrue(notABackup.getMessage().contains("is not a backup taken by ./ipsc backup"), notABackup.getMessage());

        Path backup = root.resolve("backup");
        Files.createDirectories(backup.resolve("postgres"));
        Files.writeString(backup.resolve("postgres/backup_label"), "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)\n");
        Files.writeString(backup.resolve(LocalBackups.MANIFEST), "started_at=now\n");
        Files.createDirectories(state.postgresData());
        Files.writeString(state.postgresData().resolve("PG_VERSION"), "17\n");
        IllegalArgumentException hasData = assertThrows(IllegalArgumentException.class, () -> LocalBackups.restore(backup, state));
        assertTrue(hasData.getMessage().endsWith("is not empty"), hasData.getMessage());
    }

    @Test
    void walSegmentsAreCountedAcrossLogFiles() {
        assertEquals("000000010000000000000002", PostgresBackup.startSegment(
                "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)\nCHECKPOINT LOCATION: 0/2000080\n"));
        assertEquals(1, PostgresBackup.segmentsBetween("000000010000000000000002", "000000010000000000000002"));
        // 16 MB segments: 256 to a log file, so ...00FF is followed by ...000100000000.
        assertEquals(3, PostgresBackup.segmentsBetween("0000000100000000000000FE", "000000010000000100000000"));
    }

    /** Commits invoice n in every database, then n+1, ...; {@code committed} is the last n committed everywhere. */
    private static void write(PostgresAddress server, AtomicBoolean writing, AtomicLong committed, AtomicReference<Exception> failed) {
        try (Connection a = server.connect(DATABASES.get(0)); Connection b = server.connect(DATABASES.get(1));
             PreparedStatement insertA = a.prepareStatement("INSERT INTO invoices VALUES (?, repeat('x', 500))");
             PreparedStatement insertB = b.prepareStatement("INSERT INTO invoices VALUES (?, repeat('x', 500))")) {
            long n = 0;
            while (writing.get()) {
                n++;
                insertA.setLong(1, n);
                insertA.executeUpdate();
                insertB.setLong(1, n);
                insertB.executeUpdate();
                committed.set(n);
            }
        } catch (Exception e) {
            failed.set(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
