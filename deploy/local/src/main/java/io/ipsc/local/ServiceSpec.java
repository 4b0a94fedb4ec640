package io.ipsc.local;

import java.net.URI;
import java.nio.file.Path;

/** One service of the suite: its name, its Maven module folder (relative to the repository) and its HTTP port. */
public record ServiceSpec(String name, String module, int port) {

    public Path moduleDir(Path repoRoot) {
        return repoRoot.resolve(module);
    }

    /** The runnable that {@code mvn package} leaves behind; its presence means the service is built. */
    public Path quarkusRunJar(Path repoRoot) {
        return moduleDir(repoRoot).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public URI readinessUri() {
        return URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    }

    public String url() {
        return "http://localhost:" + port;
    }
}
