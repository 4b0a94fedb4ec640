package io.ipsc.local.backup;

import io.ipsc.local.PostgresAddress;
import io.ipsc.local.StateDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code ./ipsc backup [DIR]} and {@code ./ipsc restore DIR}: a local run's state folder copied while the
 * suite runs, and brought back into an empty one.
 *
 * <p>A backup holds the PostgreSQL copy ({@link PostgresBackup}), the first admin's credentials, and a
 * manifest. Kafka is left out on purpose: everything on it is derived from PostgreSQL (tenant snapshots are
 * tenant-service's rows, published again by it at start when the topic lacks them; the services' outboxes
 * are in their databases), and a broker's log copied while it runs is not consistent with the databases.
 */
public final class LocalBackups {

    static final String MANIFEST = "ipsc-backup.properties";
    private static final DateTimeFormatter FOLDER_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private LocalBackups() {
    }

    /** Backs up the running local suite of {@code state} into {@code target} (a new folder under backups/ if absent). */
    public static Path backup(StateDir state, Map<String, String> endpoints, Optional<Path> target) throws Exception {
        if (!"true".equals(endpoints.get("IPSC_PG_EMBEDDED"))) {
            throw new IllegalStateException(endpoints.isEmpty()
                    ? "the suite is not running: start it with ./ipsc up (a backup is taken while it runs)"
                    : "this run uses an external PostgreSQL (IPSC_PG_URL): back it up with that server's own tools");
        }
        Path folder = target.orElse(state.home().resolve("backups").resolve(LocalDateTime.now().format(FOLDER_NAME)));
        PostgresBackup.requireEmpty(folder, "The backup folder");
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        PostgresAddress server = new PostgresAddress(endpoints.get("IPSC_PG_HOST"), Integer.parseInt(endpoints.get("IPSC_PG_PORT")),
                endpoints.get("IPSC_PG_USER"), io.ipsc.local.LocalPostgres.SUPERUSER_PASSWORD);
        PostgresBackup.Taken taken = PostgresBackup.take(server, state.postgresData(), folder);
        for (Path credential : List.of(state.adminEmailFile(), state.adminPasswordFile())) {
            if (Files.exists(credential)) {
                Files.copy(credential, folder.resolve(credential.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Properties manifest = new Properties();
        manifest.setProperty("started_at", taken.startedAt().toString());
        manifest.setProperty("stopped_at", taken.stoppedAt().toString());
        manifest.setProperty("postgres.version", taken.serverVersion());
        manifest.setProperty("postgres.wal.start_segment", taken.startSegment());
        manifest.setProperty("postgres.wal.stop_segment", taken.stopSegment());
        manifest.setProperty("postgres.wal.stop_lsn", taken.stopLsn());
        manifest.setProperty("postgres.databases", String.join(",", taken.databases()));
        manifest.setProperty("bytes", Long.toString(taken.bytes()));
        try (OutputStream out = Files.newOutputStream(folder.resolve(MANIFEST))) {
            manifest.store(out, "IPSC local backup: restore with ./ipsc restore " + folder);
        }
        return folder;
    }

    /** Brings a backup back into {@code state}, whose data folders must be empty; the next ./ipsc up replays it. */
    public static Properties restore(Path backup, StateDir state) throws IOException {
        Path manifestFile = backup.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(backup.resolve("postgres/backup_label"))) {
            throw new IllegalArgumentException(backup + " is not a backup taken by ./ipsc backup (no " + MANIFEST + " or backup_label)");
        }
        if (Files.exists(state.pidFile("launcher"))) {
            throw new IllegalStateException("the suite of " + state.home() + " seems to run: ./ipsc down first");
        }
        PostgresBackup.requireEmpty(state.postgresData(), "The state folder's PostgreSQL data");
        PostgresBackup.requireEmpty(state.kafkaData(), "The state folder's Kafka data");
        state.create();
        copyTree(backup.resolve("postgres"), state.postgresData());
        // PostgreSQL refuses a data directory that others may read.
        Files.setPosixFilePermissions(state.postgresData(), PosixFilePermissions.fromString("rwx------"));
        for (Path credential : List.of(state.adminEmailFile(), state.adminPasswordFile())) {
            Path saved = backup.resolve(credential.getFileName());
            if (Files.exists(saved)) {
                Files.copy(saved, credential, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Properties manifest = new Properties();
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest.load(in);
        }
        return manifest;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The script's entry: {@code backup [DIR]} or {@code restore DIR}, with IPSC_HOME's state folder. */
    public static void main(String[] args) throws Exception {
        StateDir state = new StateDir(Path.of(System.getenv().getOrDefault("IPSC_HOME", ".ipsc")).toAbsolutePath().normalize());
        try {
            if (args.length >= 1 && args[0].equals("backup")) {
                Path folder = backup(state, endpoints(state), args.length > 1 ? Optional.of(Path.of(args[1]).toAbsolutePath()) : Optional.empty());
                System.out.println("ipsc: backup written to " + folder + " (restore with ./ipsc restore " + folder + ")");
            } else if (args.length == 2 && args[0].equals("restore")) {
                Properties manifest = restore(Path.of(args[1]).toAbsolutePath(), state);
                System.out.println("ipsc: restored the backup of " + manifest.getProperty("started_at") + " into " + state.home()
                        + ". Start it with ./ipsc up: PostgreSQL replays the backup's WAL, and tenant-service publishes "
                        + "every tenant's state again to the new Kafka.");
            } else {
                System.err.println("usage: ./ipsc backup [DIR] | ./ipsc restore DIR");
                System.exit(2);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("ipsc: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Map<String, String> endpoints(StateDir state) throws IOException {
        return Files.isRegularFile(state.endpointsFile())
                ? parseEndpoints(Files.readString(state.endpointsFile(), StandardCharsets.UTF_8)) : Map.of();
    }

    /** The KEY=VALUE lines of a run's endpoints file (ReadySummary#endpoints), split at the first '='. */
    public static Map<String, String> parseEndpoints(String text) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
