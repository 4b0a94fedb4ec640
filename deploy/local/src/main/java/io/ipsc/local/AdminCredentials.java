package io.ipsc.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The first platform admin, whom tenant-service creates from IPSC_ADMIN_EMAIL and IPSC_ADMIN_PASSWORD. */
public record AdminCredentials(String email, String password) {

    public static final String DEFAULT_EMAIL = "admin@ipsc.local";

    /** 24 random bytes make 32 URL-safe characters, so the password can travel in JSON and shells as is. */
    private static final int PASSWORD_BYTES = 24;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * Reads the admin's credentials from the state folder, creating them on the first run.
     * The password is generated once and kept, since tenant-service stores its hash on first start.
     * An email or password given now (IPSC_ADMIN_EMAIL, IPSC_ADMIN_PASSWORD) wins over the stored one
     * and replaces it, so that {@code ipsc token} signs in with what tenant-service was given.
     */
    public static AdminCredentials loadOrCreate(StateDir state, Optional<String> emailGiven,
                                                Optional<String> passwordGiven) throws IOException {
        Path passwordFile = state.adminPasswordFile();
        Optional<String> stored = firstLine(passwordFile);
        String password = passwordGiven.or(() -> stored).orElseGet(AdminCredentials::generatePassword);
        if (!stored.equals(Optional.of(password))) {
            // Created anew with its final mode, so the password is never readable by others, not even briefly.
            Files.deleteIfExists(passwordFile);
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        }
        Files.setPosixFilePermissions(passwordFile, OWNER_ONLY);

        Path emailFile = state.adminEmailFile();
        Optional<String> storedEmail = firstLine(emailFile).map(String::strip);
        String email = emailGiven.map(String::strip).filter(e -> !e.isEmpty())
                .or(() -> storedEmail)
                .orElse(DEFAULT_EMAIL);
        if (!storedEmail.equals(Optional.of(email))) {
            Files.writeString(emailFile, email + "\n", StandardCharsets.UTF_8);
        }
        return new AdminCredentials(email, password);
    }

    static String generatePassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The first line as written (a password may have meaningful spaces), if the file has a non-empty one. */
    private static Optional<String> firstLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0)).filter(l -> !l.isBlank());
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "AdminCredentials[" + email + "]";
    }
}
