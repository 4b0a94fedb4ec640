package io.ipsc.local.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What a benchmark hands to its Gatling simulation: a properties file, named by the system property
 * {@value #PROPERTY}, rather than system properties, so that the admin's token never shows in
 * {@code ps}. Gatling instantiates simulations itself, with no arguments, which leaves a file or the
 * environment as the ways in.
 */
final class SimulationSettings {

    static final String PROPERTY = "ipsc.bench.settings";

    private final Properties values;

    SimulationSettings() {
        this(new Properties());
    }

    private SimulationSettings(Properties values) {
        this.values = values;
    }

    /** The settings of the simulation running in this JVM. */
    static SimulationSettings current() {
        String file = System.getProperty(PROPERTY);
        if (file == null) {
            throw new IllegalStateException("no -D" + PROPERTY + ": simulations are started by ./ipsc bench");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return new SimulationSettings(p);
    }

    SimulationSettings with(String key, Object value) {
        values.setProperty(key, String.valueOf(value));
        return this;
    }

    String text(String key) {
        String v = values.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("simulation setting " + key + " is missing");
        }
        return v;
    }

    int integer(String key) {
        return Integer.parseInt(text(key));
    }

    List<String> list(String key) {
        return Arrays.asList(text(key).split(","));
    }

    /** Writes them readable by the owner only (they hold a token). */
    Path writeTo(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file)) {
            values.store(out, "./ipsc bench: settings of one Gatling run");
        }
        return file;
    }
}
