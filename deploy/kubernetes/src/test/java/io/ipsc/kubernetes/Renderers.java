package io.ipsc.kubernetes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How an overlay becomes objects: with kustomize where it is installed (the {@code kustomize}
 * binary, or the copy built into {@code kubectl}), and always with {@link KustomizationReader}.
 */
final class Renderers {

    /** One way to render; {@code name} shows in test names and failure messages. */
    interface Renderer {
        String name();

        List<Map<String, Object>> render(Path dir);
    }

    static final Renderer READER = new Renderer() {
        @Override
        public String name() {
            return "reader";
        }

        @Override
        public List<Map<String, Object>> render(Path dir) {
            return new KustomizationReader().build(dir);
        }
    };

    private static final Map<Path, List<Map<String, Object>>> KUSTOMIZE_CACHE = new ConcurrentHashMap<>();

    private Renderers() {
    }

    /** The directory holding base/ and overlays/ (set by the pom; the working directory otherwise). */
    static Path root() {
        return Path.of(System.getProperty("ipsc.kubernetes.dir", ".")).toAbsolutePath().normalize();
    }

    /**
     * kustomize on the PATH, else kubectl's built-in kustomize, else nothing. {@code -Dipsc.kustomize=off}
     * pretends neither is installed, to run the tests as a machine without them would.
     */
    static Optional<Renderer> kustomize() {
        if ("off".equals(System.getProperty("ipsc.kustomize"))) {
            return Optional.empty();
        }
        Optional<Path> kustomize = onPath("kustomize");
        Optional<Path> kubectl = onPath("kubectl");
        if (kustomize.isEmpty() && kubectl.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = kustomize.isPresent()
                ? List.of(kustomize.get().toString(), "build")
                : List.of(kubectl.get().toString(), "kustomize");
        String label = kustomize.isPresent() ? "kustomize" : "kubectl-kustomize";
        return Optional.of(new Renderer() {
            @Override
            public String name() {
                return label;
            }

            @Override
            public List<Map<String, Object>> render(Path dir) {
                return KUSTOMIZE_CACHE.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> run(command, d));
            }
        });
    }

    /** Every renderer this machine has: the reader always, kustomize where installed. */
    static List<Renderer> available() {
        List<Renderer> all = new ArrayList<>();
        all.add(READER);
        kustomize().ifPresent(all::add);
        return all;
    }

    private static List<Map<String, Object>> run(List<String> command, Path dir) {
        List<String> full = new ArrayList<>(command);
        full.add(dir.toString());
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process p = new ProcessBuilder(full).redirectError(err.toFile()).start();
            // Read before waiting: a render larger than the pipe buffer would otherwise block the process.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish within 60 s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + stderr);
            }
            return Yaml.documents(out, String.join(" ", full));
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", full) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
