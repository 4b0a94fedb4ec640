package io.ipsc.local;

import java.net.URI;
import java.nio.file.Path;

/**
 * One service of the suite: its name, its Maven module folder (relative to the repository), the port
 * of its API and the port of its management interface ({@code /q/health}, {@code /q/metrics},
 * {@code /q/openapi}), which the API port does not serve.
 */
public record ServiceSpec(String name, String module, int port, int managementPort) {

    public Path moduleDir(Path repoRoot) {
        return repoRoot.resolve(module);
    }

    /** The runnable that {@code mvn package} leaves behind; its presence means the service is built. */
    public Path quarkusRunJar(Path repoRoot) {
        return moduleDir(repoRoot).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public URI readinessUri() {
        return URI.create(managementUrl() + "/q/health/ready");
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }
}
