package io.ipsc.local.backup;

import io.ipsc.local.LocalClusters;
import io.ipsc.local.LocalPostgres;
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
 * <p>A backup holds the PostgreSQL copy ({@link PostgresBackup}) of every database cluster of the run
 * ({@code postgres/} for {@code main}, {@code postgres-second/} with {@code IPSC_PG_CLUSTERS=2}), the first
 * admin's credentials, and a manifest. Kafka is left out on purpose: everything on it is derived from PostgreSQL (tenant snapshots are
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
        Properties manifest = new Properties();
        List<String> clusters = clusters(endpoints.get("IPSC_CLUSTERS"));
        manifest.setProperty("clusters", String.join(",", clusters));
        // One cluster after the other, main first, so the copies are not of one instant across clusters. Main
        // first is the safe order: a tenant moved between the two copies is, in the platform database of main's
        // copy, still on its source cluster, whose database a move never drops; the second copy then holds at
        // most a target database nothing points to yet. The other order could restore a platform that points
        // to a database the older copy lacks.
        for (String cluster : clusters) {
            String name = StateDir.postgresName(cluster);
            boolean main = cluster.equals(LocalClusters.MAIN);
            PostgresAddress server = new PostgresAddress(
                    endpoints.get(main ? "IPSC_PG_HOST" : LocalClusters.variable(cluster, "HOST")),
                    Integer.parseInt(endpoints.get(main ? "IPSC_PG_PORT" : LocalClusters.variable(cluster, "PORT"))),
                    endpoints.get(main ? "IPSC_PG_USER" : LocalClusters.variable(cluster, "USER")), LocalPostgres.SUPERUSER_PASSWORD);
            PostgresBackup.Taken taken = PostgresBackup.take(server, state.postgresData(cluster), folder.resolve(name));
            if (main) {
                manifest.setProperty("started_at", taken.startedAt().toString());
            }
            manifest.setProperty("stopped_at", taken.stoppedAt().toString());
            // Cluster main's keys are those of a backup from before there were several clusters.
            manifest.setProperty(name + ".version", taken.serverVersion());
            manifest.setProperty(name + ".wal.start_segment", taken.startSegment());
            manifest.setProperty(name + ".wal.stop_segment", taken.stopSegment());
            manifest.setProperty(name + ".wal.stop_lsn", taken.stopLsn());
            manifest.setProperty(name + ".databases", String.join(",", taken.databases()));
            manifest.setProperty("bytes", Long.toString(Long.parseLong(manifest.getProperty("bytes", "0")) + taken.bytes()));
        }
        for (Path credential : List.of(state.adminEmailFile(), state.adminPasswordFile())) {
            if (Files.exists(credential)) {
                Files.copy(credential, folder.resolve(credential.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try (OutputStream out = Files.newOutputStream(folder.resolve(MANIFEST))) {
            manifest.store(out, "IPSC local backup: restore with ./ipsc restore " + folder);
        }
        return folder;
    }

    /** Brings a backup back into {@code state}, whose data folders must be empty; the next ./ipsc up replays it. */
    public static Properties restore(Path backup, StateDir state) throws IOException {
        Path manifestFile = backup.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(backup + " is not a backup taken by ./ipsc backup (no " + MANIFEST + ")");
        }
        Properties manifest = new Properties();
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest.load(in);
        }
        List<String> clusters = clusters(manifest.getProperty("clusters"));
        for (String cluster : clusters) {
            if (!Files.isRegularFile(backup.resolve(StateDir.postgresName(cluster)).resolve("backup_label"))) {
                throw new IllegalArgumentException(backup + " is not a backup taken by ./ipsc backup (no backup_label in "
                        + StateDir.postgresName(cluster) + "/)");
            }
        }
        if (Files.exists(state.pidFile("launcher"))) {
            throw new IllegalStateException("the suite of " + state.home() + " seems to run: ./ipsc down first");
        }
        for (String cluster : clusters) {
            PostgresBackup.requireEmpty(state.postgresData(cluster), "The state folder's PostgreSQL data (cluster " + cluster + ")");
        }
        PostgresBackup.requireEmpty(state.kafkaData(), "The state folder's Kafka data");
        state.create();
        for (String cluster : clusters) {
            copyTree(backup.resolve(StateDir.postgresName(cluster)), state.postgresData(cluster));
            // PostgreSQL refuses a data directory that others may read.
            Files.setPosixFilePermissions(state.postgresData(cluster), PosixFilePermissions.fromString("rwx------"));
        }
        for (Path credential : List.of(state.adminEmailFile(), state.adminPasswordFile())) {
            Path saved = backup.resolve(credential.getFileName());
            if (Files.exists(saved)) {
                Files.copy(saved, credential, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return manifest;
    }

    /** The clusters named in an endpoints file or manifest; a run or backup from before issue 20 has main alone. */
    private static List<String> clusters(String names) {
        List<String> clusters = names == null || names.isBlank() ? List.of(LocalClusters.MAIN) : List.of(names.strip().split(","));
        for (String cluster : clusters) {
            // A name becomes a folder name: nothing but the registry's cluster names is taken.
            if (!cluster.matches("[a-z][a-z0-9]{0,30}")) {
                throw new IllegalArgumentException("not a database cluster name: '" + cluster + "'");
            }
        }
        return clusters;
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
