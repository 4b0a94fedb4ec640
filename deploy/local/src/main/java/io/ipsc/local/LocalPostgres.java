package io.ipsc.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * An embedded PostgreSQL 17 server whose data lives in a folder that survives restarts, with
 * {@code wal_level=logical} so that a tenant can be moved off it online.
 * {@code pg_stat_statements} is preloaded so that the operator's slow-query view works locally.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    /** The embedded server trusts local connections; clients still need some password to send. */
    public static final String SUPERUSER_PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
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
                // Many tenants mean many databases and small pools; the default of 100 is tight.
                .setServerConfig("max_connections", "300")
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
        return new LocalPostgres(builder.start());
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

    @Override
    public void close() throws IOException {
        server.close();
    }
}
