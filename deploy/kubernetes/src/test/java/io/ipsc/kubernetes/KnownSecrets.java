package io.ipsc.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Secrets created outside the repository, from external-secrets.txt: name, type and keys. */
record KnownSecrets(Map<String, Entry> byName) {

    record Entry(String name, String type, Set<String> keys) {
    }

    static KnownSecrets load(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KnownSecrets parse(List<String> lines) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length < 3) {
                throw new IllegalArgumentException("external secret line needs a name, a type and at least one key: " + line);
            }
            Set<String> keys = Set.of(java.util.Arrays.copyOfRange(parts, 2, parts.length));
            if (entries.put(parts[0], new Entry(parts[0], parts[1], keys)) != null) {
                throw new IllegalArgumentException("external secret listed twice: " + parts[0]);
            }
        }
        return new KnownSecrets(entries);
    }

    static KnownSecrets none() {
        return new KnownSecrets(Map.of());
    }
}
