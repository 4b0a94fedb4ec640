package io.ipsc.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void showsOnlyTheEndOfTheRunAsked() throws Exception {
        Path log = dir.resolve("svc.log");
        Files.writeString(log, "old 1\nold 2\n");
        long start = Files.size(log);
        Files.writeString(log, "new 1\nnew 2\nnew 3\n", StandardOpenOption.APPEND);
        assertEquals(List.of("new 1", "new 2", "new 3"), LogTail.lastLines(log, start, 30));
        assertEquals(List.of("new 2", "new 3"), LogTail.lastLines(log, start, 2));
        assertEquals(List.of("old 2", "new 1", "new 2", "new 3"), LogTail.lastLines(log, 0, 4));
    }

    @Test
    void saysNothingOfAMissingLog() {
        assertEquals(List.of(), LogTail.lastLines(dir.resolve("none.log"), 0, 30));
    }
}
