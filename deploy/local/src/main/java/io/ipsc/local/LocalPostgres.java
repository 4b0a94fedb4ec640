package io.ipsc.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded PostgreSQL 17 server whose data lives in a folder that survives restarts, with
 * {@code wal_level=logical} so that a tenant can be moved off it online.
 * {@code pg_stat_statements} is preloaded so that the operator's slow-query view works locally.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    /** The embedded server trusts local connections; clients still need some password to send. */
    public static final String SUPERUSER_PASSWORD = "postgres";

    /**
     * How long {@link #close()} waits for the server to be gone. The embedded library's own stop waits 5 s and then
     * gives up while the server goes on writing its shutdown checkpoint; with a thousand tenants (thousands of
     * databases' files to sync) that checkpoint took 109 s, and a caller that then killed the server left its shared
     * memory behind for the next start. The checkpoint taken before the stop makes the shutdown's own short.
     */
    static final Duration STOP_WAIT = Duration.ofSeconds(180);

    private final EmbeddedPostgres server;
    private final Path dataDir;

    private LocalPostgres(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /**
     * Starts (or restarts, keeping its data) a server in {@code dataDir} on {@code port}.
     * Port 0 picks a free port. The server stops when this JVM exits, if not closed before.
     */
    public static LocalPostgres start(Path dataDir, int port, Durability durability) throws IOException {
        return start(dataDir, port, null, true, durability);
    }

    /**
     * As {@link #start(Path, int)}, for an owner that stops the server itself.
     *
     * @param logFile where the server's output is appended; {@code null} sends it to this JVM's log
     * @param stopOnJvmExit whether to stop the server from a shutdown hook of its own. An owner that
     *        stops several servers in order passes {@code false}, since shutdown hooks run in no order.
     * @param durability whether a commit survives a power cut ({@link Durability})
     */
    public static LocalPostgres start(Path dataDir, int port, Path logFile, boolean stopOnJvmExit, Durability durability)
            throws IOException {
        Files.createDirectories(dataDir);
        if (port != 0) {
            Ports.requireFree(port, "PostgreSQL");
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(stopOnJvmExit)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                // Many tenants mean many databases and small pools; the default of 100 is tight. Each of the four
                // domain services may hold max-open-pools x max-size-per-tenant (20 x 8) connections to tenant
                // databases, plus tenant-service's, provisioning's and the spares' copies: 800 leaves room.
                .setServerConfig("max_connections", "800")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // ./ipsc backup copies the WAL written while it runs from pg_wal (there is no archive):
                // keep enough of it that a checkpoint meanwhile cannot recycle a segment the copy needs.
                .setServerConfig("wal_keep_size", "512MB")
                // A tenant moves between clusters by logical replication (issue 20): a publication on the
                // source, a subscription on the target. That needs logical decoding in the WAL, and on each
                // side a slot and a WAL sender per moving database (one per service, 4) plus the initial
                // copy's table-sync slots (max_sync_workers_per_subscription, 2 each): 12 for one tenant's
                // move. 32 leaves room for a couple of moves at once; the target's apply and copy workers
                // come out of max_worker_processes. All take effect at start, hence set here.
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "32")
                .setServerConfig("max_wal_senders", "32")
                .setServerConfig("max_logical_replication_workers", "16")
                .setServerConfig("max_worker_processes", "32");
        durability.postgresSettings().forEach(builder::setServerConfig);
        if (port != 0) {
            builder.setPort(port);
        }
        if (logFile != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            // The postmaster inherits pg_ctl's output, so it keeps logging here after this JVM is gone.
            Redirect appendToLog = Redirect.appendTo(logFile.toFile());
            builder.setOutputRedirector(appendToLog).setErrorRedirector(appendToLog);
        }
        return new LocalPostgres(builder.start(), dataDir);
    }

    public int port() {
        return server.getPort();
    }

    public PostgresAddress address() {
        return new PostgresAddress("127.0.0.1", port(), SUPERUSER, SUPERUSER_PASSWORD);
    }

    public String jdbcUrl(String database) {
        return address().jdbcUrl(database);
    }

    /** Creates {@code database} if it does not exist yet. The name must be a plain identifier. */
    public void createDatabaseIfMissing(String database) throws SQLException {
        PostgresDatabases.createIfMissing(address(), database, true);
    }

    /**
     * Stops the server cleanly: a {@code CHECKPOINT} first, while it still serves (so the shutdown checkpoint has
     * little left to write), then PostgreSQL's fast shutdown, then a wait of up to {@link #STOP_WAIT} for the
     * postmaster to exit. Never kills it: a server still running after that is said so, and left to finish.
     */
    @Override
    public void close() throws IOException {
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, SUPERUSER_PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            // Not serving (already stopping, or never started): the stop below is all there is to do.
            Console.error("CHECKPOINT before stopping PostgreSQL (" + dataDir + ") failed: " + e.getMessage());
        }
        long checkpointMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        server.close();
        if (postmaster.isPresent() && !awaitExit(postmaster.get(), STOP_WAIT)) {
            Console.error("PostgreSQL (pid " + postmaster.get().pid() + ", " + dataDir + ") is still shutting down after "
                    + STOP_WAIT.toSeconds() + " s; left running to finish its shutdown checkpoint");
            return;
        }
        Console.info(String.format("PostgreSQL (%s) stopped in %.1f s (checkpoint first: %.1f s)", dataDir.getFileName(),
                (System.nanoTime() - started) / 1e9, checkpointMillis / 1e3));
    }

    /** The postmaster running on {@code dataDir}, from the first line of its {@code postmaster.pid}. */
    static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).stream().findFirst().orElse("").strip();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code process} exited within {@code wait}. */
    static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
