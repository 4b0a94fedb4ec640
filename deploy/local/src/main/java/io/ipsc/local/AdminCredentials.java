package io.ipsc.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
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
     * The email given now wins over the stored one and replaces it, so that {@code ipsc token} agrees.
     */
    public static AdminCredentials loadOrCreate(StateDir state, Optional<String> emailGiven) throws IOException {
        Path passwordFile = state.adminPasswordFile();
        String password;
        if (Files.exists(passwordFile)) {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IOException(passwordFile + " is empty: delete it to have a new password generated");
            }
        } else {
            password = generatePassword();
            writeOwnerOnly(passwordFile, password);
        }
        Files.setPosixFilePermissions(passwordFile, OWNER_ONLY);

        Path emailFile = state.adminEmailFile();
        String email = emailGiven.map(String::strip).filter(e -> !e.isEmpty())
                .or(() -> readIfPresent(emailFile))
                .orElse(DEFAULT_EMAIL);
        if (!email.equals(readIfPresent(emailFile).orElse(null))) {
            Files.writeString(emailFile, email + "\n", StandardCharsets.UTF_8);
        }
        return new AdminCredentials(email, password);
    }

    static String generatePassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        // Created with its final mode, so the password is never readable by others, not even briefly.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
    }

    private static Optional<String> readIfPresent(Path file) {
        try {
            return Files.exists(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "AdminCredentials[" + email + "]";
    }
}
