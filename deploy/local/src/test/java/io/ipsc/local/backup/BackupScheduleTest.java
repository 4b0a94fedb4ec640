package io.ipsc.local.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupScheduleTest {

    @Test
    void intervalsAndCopiesToKeepAreReadFromTheEnvironment() {
        assertEquals(Optional.empty(), BackupSchedule.from(Map.of()));
        assertEquals(new BackupSchedule(Duration.ofHours(6), 7), BackupSchedule.from(Map.of("IPSC_BACKUP_EVERY", "6h")).orElseThrow());
        assertEquals(new BackupSchedule(Duration.ofMinutes(30), 3),
                BackupSchedule.from(Map.of("IPSC_BACKUP_EVERY", "30m", "IPSC_BACKUP_KEEP", "3")).orElseThrow());
        assertEquals(Duration.ofDays(1), BackupSchedule.from(Map.of("IPSC_BACKUP_EVERY", "1d")).orElseThrow().every());
    }

    @Test
    void aMalformedScheduleIsRefusedWithTheForm() {
        IllegalArgumentException every = assertThrows(IllegalArgumentException.class,
                () -> BackupSchedule.from(Map.of("IPSC_BACKUP_EVERY", "hourly")));
        assertEquals("IPSC_BACKUP_EVERY must be a number of minutes, hours or days (30m, 6h, 1d), not 'hourly'", every.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackupSchedule.from(Map.of("IPSC_BACKUP_EVERY", "0h")));
        IllegalArgumentException keep = assertThrows(IllegalArgumentException.class,
                () -> BackupSchedule.from(Map.of("IPSC_BACKUP_EVERY", "6h", "IPSC_BACKUP_KEEP", "0")));
        assertTrue(keep.getMessage().startsWith("IPSC_BACKUP_KEEP must be"), keep.getMessage());
    }

    @Test
    void onlyTheNewestBackupsAreKeptAndNothingElseIsTouched(@TempDir Path backups) throws Exception {
        for (String name : List.of("20261127-010000", "20261128-010000", "20261129-010000")) {
            Files.createDirectories(backups.resolve(name).resolve("postgres"));
            Files.writeString(backups.resolve(name).resolve(LocalBackups.MANIFEST), "started_at=" + name + "\n");
            Files.writeString(backups.resolve(name).resolve("postgres/PG_VERSION"), "17\n");
        }
        Files.createDirectories(backups.resolve("my-own-copy"));

        List<Path> removed = BackupSchedule.prune(backups, 2);

        assertEquals(List.of(backups.resolve("20261127-010000")), removed);
        assertTrue(Files.exists(backups.resolve("20261128-010000")));
        assertTrue(Files.exists(backups.resolve("20261129-010000")));
        assertTrue(Files.exists(backups.resolve("my-own-copy")), "a folder that is not a backup is left alone");
    }
}
