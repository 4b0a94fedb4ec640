package io.ipsc.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder that holds a local run's state. Data ({@code postgres/}, {@code postgres-second/}, {@code kafka/}), the admin's
 * credentials and {@code logs/} outlive a run; {@code run/} describes the run in progress and is
 * emptied when it stops. The {@code ipsc} script reads the same names.
 */
public record StateDir(Path home) {

    public Path postgresData() {
        return home.resolve("postgres");
    }

    /** A cluster's data: {@code postgres/} for {@code main}, as before there were several; {@code postgres-<name>/} for another. */
    public Path postgresData(String cluster) {
        return home.resolve(postgresName(cluster));
    }

    /** The cluster's server as the logs and the script name it: {@code postgres}, {@code postgres-second}. */
    public static String postgresName(String cluster) {
        return cluster.equals(LocalClusters.MAIN) ? "postgres" : "postgres-" + cluster;
    }

    public Path kafkaData() {
        return home.resolve("kafka");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    public Path run() {
        return home.resolve("run");
    }

    public Path pidFile(String name) {
        return run().resolve(name + ".pid");
    }

    /** Exists only while every started service is ready; holds the summary printed at start. */
    public Path readyFile() {
        return run().resolve("ready");
    }

    /** KEY=VALUE lines with the addresses of the run in progress, for the script's psql command. */
    public Path endpointsFile() {
        return run().resolve("endpoints");
    }

    public Path adminPasswordFile() {
        return home.resolve("admin-password");
    }

    public Path adminEmailFile() {
        return home.resolve("admin-email");
    }

    public void create() throws IOException {
        if (!Files.isDirectory(home)) {
            // It will hold the admin password: keep other users out from the start.
            Files.createDirectories(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createDirectories(logs());
        Files.createDirectories(run());
    }
}
