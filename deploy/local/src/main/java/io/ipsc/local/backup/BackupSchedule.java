package io.ipsc.local.backup;

import io.ipsc.local.StateDir;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Backups taken by the running launcher on a schedule: {@code IPSC_BACKUP_EVERY} (e.g. {@code 6h},
 * {@code 30m}, {@code 1d}; unset means none) into {@code $IPSC_HOME/backups}, keeping the newest
 * {@code IPSC_BACKUP_KEEP} (7) of them.
 */
public record BackupSchedule(Duration every, int keep) {

    public static final String EVERY = "IPSC_BACKUP_EVERY";
    public static final String KEEP = "IPSC_BACKUP_KEEP";
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*([mhd])");

    public static Optional<BackupSchedule> from(Map<String, String> env) {
        String every = Optional.ofNullable(env.get(EVERY)).map(String::strip).orElse("");
        if (every.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = INTERVAL.matcher(every);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(EVERY + " must be a number of minutes, hours or days (30m, 6h, 1d), not '" + every + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration interval = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        String keepText = Optional.ofNullable(env.get(KEEP)).map(String::strip).filter(s -> !s.isEmpty()).orElse("7");
        int keep;
        try {
            keep = Integer.parseInt(keepText);
        } catch (NumberFormatException e) {
            keep = 0;
        }
        if (keep < 1) {
            throw new IllegalArgumentException(KEEP + " must be a whole number of backups, at least 1, not '" + keepText + "'");
        }
        return Optional.of(new BackupSchedule(interval, keep));
    }

    /** Starts taking backups every {@link #every}; {@code backup} takes one into the folder it is given. */
    public ScheduledExecutorService start(StateDir state, BackupTaker backup, Consumer<String> log) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipsc-backups");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                Path taken = backup.take();
                log.accept("backup written to " + taken);
                List<Path> removed = prune(state.home().resolve("backups"), keep);
                removed.forEach(old -> log.accept("old backup removed: " + old));
            } catch (Exception e) {
                log.accept("the scheduled backup failed (tried again in " + every + "): " + e.getMessage());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return executor;
    }

    /** Takes one backup and says where it went. */
    public interface BackupTaker {
        Path take() throws Exception;
    }

    /** Removes all but the newest {@code keep} backups (folders with a manifest) in {@code folder}; returns those removed. */
    static List<Path> prune(Path folder, int keep) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> backups;
        try (Stream<Path> entries = Files.list(folder)) {
            // Folder names are the time they were taken (yyyyMMdd-HHmmss): their order is their age.
            backups = entries.filter(p -> Files.isRegularFile(p.resolve(LocalBackups.MANIFEST))).sorted().toList();
        }
        List<Path> old = backups.subList(0, Math.max(0, backups.size() - keep));
        for (Path backup : old) {
            deleteTree(backup);
        }
        return old;
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
