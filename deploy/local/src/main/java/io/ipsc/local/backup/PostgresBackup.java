package io.ipsc.local.backup;

import io.ipsc.local.PostgresAddress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An online, consistent copy of a running local PostgreSQL server: every tenant's database at one
 * instant, taken while the suite serves traffic.
 *
 * <p>Physical rather than logical: the embedded binaries have no {@code pg_basebackup} or {@code pg_dump},
 * and a per-database logical copy ({@code COPY ... TO STDOUT}) would catch each database at a different
 * moment, while the suite's databases refer to each other (a tenant's provisioning in the platform
 * database, its invoices in its own). So this follows PostgreSQL's low-level API: {@code pg_backup_start},
 * a copy of the data directory while the server runs (pages may change under the copy; the WAL replayed at
 * restore repairs them, which is why full-page writes are forced during a backup), {@code pg_backup_stop}
 * (its backup label goes into the copy), and the WAL written from the start to the stop, so that the copy
 * starts on its own, without an archive.
 */
public final class PostgresBackup {

    /** Folders whose content the server rebuilds at start; copying it would only restore stale state. */
    private static final Set<String> CONTENT_LEFT_OUT = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    /** Files of the running server, not of its data. */
    private static final Set<String> FILES_LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "backup_label.old", "tablespace_map.old");
    private static final Pattern START_WAL = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");
    private static final Pattern WAL_SEGMENT = Pattern.compile("[0-9A-F]{24}");

    private PostgresBackup() {
    }

    /** What a backup holds: where it started and stopped in the WAL, and the databases in it. */
    public record Taken(Instant startedAt, Instant stoppedAt, String startSegment, String stopSegment, String stopLsn,
                        String serverVersion, List<String> databases, long bytes) {
    }

    /**
     * Copies the server's data directory into {@code copy} while the server runs.
     *
     * @param server  the running server, as its superuser
     * @param dataDir its data directory (this process must be able to read it: the local run's own)
     * @param copy    an empty or absent folder
     */
    public static Taken take(PostgresAddress server, Path dataDir, Path copy) throws IOException, SQLException {
        Files.createDirectories(copy);
        try (Connection session = server.connect("postgres")) {
            // The backup belongs to this session: were it to end before pg_backup_stop, the backup is void.
            Instant startedAt = Instant.now();
            String version = single(session, "SHOW server_version");
            List<String> databases = databases(session);
            try (PreparedStatement start = session.prepareStatement("SELECT pg_backup_start(?, true)")) {
                start.setString(1, "ipsc " + startedAt);
                start.execute();
            }
            long bytes = copyDataDirectory(dataDir, copy);
            String label;
            String tablespaceMap;
            String stopLsn;
            try (Statement stop = session.createStatement();
                 ResultSet stopped = stop.executeQuery("SELECT labelfile, spcmapfile, lsn::text FROM pg_backup_stop(false)")) {
                stopped.next();
                label = stopped.getString(1);
                tablespaceMap = stopped.getString(2);
                stopLsn = stopped.getString(3);
            }
            Files.writeString(copy.resolve("backup_label"), label, StandardCharsets.UTF_8);
            if (tablespaceMap != null && !tablespaceMap.isBlank()) {
                Files.writeString(copy.resolve("tablespace_map"), tablespaceMap, StandardCharsets.UTF_8);
            }
            String startSegment = startSegment(label);
            // pg_backup_stop has switched to a new segment, so the one holding the stop point is complete.
            String stopSegment = walFileName(session, stopLsn);
            bytes += copyWal(dataDir.resolve("pg_wal"), copy.resolve("pg_wal"), startSegment, stopSegment);
            return new Taken(startedAt, Instant.now(), startSegment, stopSegment, stopLsn, version, databases, bytes);
        }
    }

    static String startSegment(String label) {
        Matcher matcher = START_WAL.matcher(label);
        if (!matcher.find()) {
            throw new IllegalStateException("The backup label names no start WAL file:\n" + label);
        }
        return matcher.group(1);
    }

    private static long copyDataDirectory(Path dataDir, Path copy) throws IOException {
        long[] bytes = {0};
        Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = dataDir.relativize(dir);
                Files.createDirectories(copy.resolve(relative.toString()));
                boolean leftOut = relative.getNameCount() == 1 && CONTENT_LEFT_OUT.contains(relative.toString());
                return leftOut ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = dataDir.relativize(file);
                String name = file.getFileName().toString();
                if ((relative.getNameCount() == 1 && FILES_LEFT_OUT.contains(name)) || name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, copy.resolve(relative.toString()), StandardCopyOption.REPLACE_EXISTING);
                    bytes[0] += attrs.size();
                } catch (NoSuchFileException gone) {
                    // Dropped while the copy ran (a table rewritten, a database dropped): the WAL says so too.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return bytes[0];
    }

    /**
     * Copies the WAL segments from {@code first} to {@code last} (and any the server wrote after them, which
     * replay also applies); every segment in between must be there, or the copy could not be made consistent.
     */
    private static long copyWal(Path walDir, Path target, String first, String last) throws IOException {
        Files.createDirectories(target);
        List<String> copied = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> files = Files.list(walDir)) {
            for (Path segment : files.sorted().toList()) {
                String name = segment.getFileName().toString();
                if (WAL_SEGMENT.matcher(name).matches() && name.compareTo(first) >= 0) {
                    try {
                        Files.copy(segment, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                        bytes += Files.size(segment);
                        copied.add(name);
                    } catch (NoSuchFileException recycled) {
                        // only a segment after the stop point can go now; checked below
                    }
                }
            }
        }
        if (!copied.contains(first) || !copied.contains(last) || copied.stream().filter(n -> n.compareTo(last) <= 0).count()
                != segmentsBetween(first, last)) {
            throw new IllegalStateException("WAL segments between " + first + " and " + last
                    + " were recycled before they could be copied; the backup is not usable. Raise wal_keep_size and try again.");
        }
        return bytes;
    }

    /** Segments from first to last inclusive, on one timeline, with 16 MB segments (256 to a log file). */
    static long segmentsBetween(String first, String last) {
        return ordinal(last) - ordinal(first) + 1;
    }

    private static long ordinal(String segment) {
        long log = Long.parseLong(segment.substring(8, 16), 16);
        long seg = Long.parseLong(segment.substring(16, 24), 16);
        return log * 256 + seg;
    }

    private static String walFileName(Connection session, String lsn) throws SQLException {
        try (PreparedStatement name = session.prepareStatement("SELECT pg_walfile_name(?::pg_lsn)")) {
            name.setString(1, lsn);
            try (ResultSet rs = name.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static List<String> databases(Connection session) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = session.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String single(Connection session, String sql) throws SQLException {
        try (Statement st = session.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void requireEmpty(Path folder, String what) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> entries = Files.list(folder)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(what + " " + folder + " is not empty");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
