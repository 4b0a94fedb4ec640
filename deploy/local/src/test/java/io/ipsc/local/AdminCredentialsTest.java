package io.ipsc.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminCredentialsTest {

    @TempDir
    Path home;

    @Test
    void generatesALongUrlSafePasswordReadableOnlyByTheOwner() throws Exception {
        StateDir state = new StateDir(home);
        AdminCredentials admin = AdminCredentials.loadOrCreate(state, Optional.empty(), Optional.empty());
        assertTrue(admin.password().matches("[A-Za-z0-9_-]{24,}"), admin.password());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.adminPasswordFile())));
        assertEquals(AdminCredentials.DEFAULT_EMAIL, admin.email());
    }

    @Test
    void keepsThePasswordAcrossRunsAndStoresAGivenEmail() throws Exception {
        StateDir state = new StateDir(home);
        AdminCredentials first = AdminCredentials.loadOrCreate(state, Optional.empty(), Optional.empty());
        AdminCredentials second = AdminCredentials.loadOrCreate(state, Optional.of("ops@example.in"), Optional.empty());
        assertEquals(first.password(), second.password());
        assertEquals("ops@example.in", second.email());
        assertEquals("ops@example.in", AdminCredentials.loadOrCreate(state, Optional.empty(), Optional.empty()).email());
    }

    @Test
    void keepsAGivenPasswordForTheTokenCommand() throws Exception {
        StateDir state = new StateDir(home);
        AdminCredentials.loadOrCreate(state, Optional.empty(), Optional.empty());
        AdminCredentials given = AdminCredentials.loadOrCreate(state, Optional.empty(), Optional.of("chosen-by-me-1"));
        assertEquals("chosen-by-me-1", given.password());
        assertEquals("chosen-by-me-1", Files.readString(state.adminPasswordFile()).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.adminPasswordFile())));
        assertEquals("chosen-by-me-1", AdminCredentials.loadOrCreate(state, Optional.empty(), Optional.empty()).password());
    }

    @Test
    void generatesADifferentPasswordEachTime() {
        assertNotEquals(AdminCredentials.generatePassword(), AdminCredentials.generatePassword());
    }
}
