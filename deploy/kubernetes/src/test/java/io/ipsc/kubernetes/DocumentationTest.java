package io.ipsc.kubernetes;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces next to the manifests agree with them: the Secrets' list, their generator, the README and the dashboard. */
class DocumentationTest {

    private static final Path ROOT = Renderers.root();

    @Test
    void theSecretGeneratorMakesEveryListedSecretButTheCertificate() {
        KnownSecrets known = RenderedOverlaysTest.knownSecrets();
        Map<String, Object> k = Yaml.single(ROOT.resolve("secrets/kustomization.yaml"));
        Map<String, String> generated = new LinkedHashMap<>();
        for (Object g : Yaml.listAt(k, "secretGenerator")) {
            Map<String, Object> gen = Yaml.map(g);
            generated.put(String.valueOf(gen.get("name")), String.valueOf(gen.getOrDefault("type", "Opaque")));
            for (Object file : Yaml.listAt(gen, "files")) {
                String key = String.valueOf(file).split("=")[0];
                assertTrue(known.byName().get(String.valueOf(gen.get("name"))).keys().contains(key), gen.get("name") + " key " + key);
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        known.byName().values().stream().filter(e -> !e.type().equals("kubernetes.io/tls"))
                .forEach(e -> expected.put(e.name(), e.type()));
        assertEquals(expected, generated);
        assertEquals(Boolean.TRUE, Yaml.at(k, "generatorOptions", "disableNameSuffixHash"), "the manifests name the Secrets as they are");
    }

    @Test
    void noSecretValueIsInTheRepository() throws IOException {
        String ignored = Files.readString(ROOT.resolve("secrets/.gitignore"));
        assertTrue(ignored.contains("*.env") && ignored.contains("*.pem"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("secrets"))) {
            assertEquals(Set.of(".gitignore", "kustomization.yaml"),
                    files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                            .filter(n -> !n.endsWith(".env") && !n.endsWith(".pem")).collect(Collectors.toSet()),
                    "only the generator and its .gitignore are part of the repository");
        }
        for (String dir : RenderedOverlaysTest.DIRECTORIES) {
            assertTrue(Renderers.READER.render(ROOT.resolve(dir)).stream().noneMatch(d -> "Secret".equals(d.get("kind"))), dir + " renders no Secret");
        }
    }

    @Test
    void everyListedSecretIsUsedAndExplained() throws IOException {
        Set<String> values = new TreeSet<>();
        collectStrings(Renderers.READER.render(ROOT.resolve("overlays/prod")), values);
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String name : RenderedOverlaysTest.knownSecrets().byName().keySet()) {
            assertTrue(values.contains(name), name + " is used by the manifests");
            assertTrue(readme.contains(name), name + " is explained in the README");
        }
    }

    @Test
    void theDashboardShowsTheSuitesMetrics() throws IOException {
        Manifests m = Manifests.of(Renderers.READER.render(ROOT.resolve("base")));
        Manifests.Obj cm = m.find("ConfigMap", null, "ipsc-grafana-dashboard");
        assertEquals("1", cm.labels().get("grafana_dashboard"));
        Map<String, Object> dashboard = Yaml.documents(String.valueOf(Yaml.mapAt(cm.raw(), "data").get("ipsc-overview.json")), "dashboard").get(0);
        List<Object> panels = Yaml.listAt(dashboard, "panels");
        assertTrue(panels.size() >= 4);
        StringBuilder exprs = new StringBuilder();
        for (Object p : panels) {
            List<Object> targets = Yaml.listAt(Yaml.map(p), "targets");
            assertFalse(targets.isEmpty(), "panel " + Yaml.map(p).get("title"));
            targets.forEach(t -> exprs.append(Yaml.map(t).get("expr")).append('\n'));
        }
        for (String metric : List.of("http_server_requests_seconds_count", "ipsc_tenant_pools_open", "jvm_memory_used_bytes", "kafka_consumergroup_lag")) {
            assertTrue(exprs.toString().contains(metric), metric);
        }
        String sources = javaSources();
        Matcher ipscMetric = Pattern.compile("ipsc_[a-z_]+").matcher(exprs);
        Set<String> missing = new TreeSet<>();
        while (ipscMetric.find()) {
            String name = ipscMetric.group();
            String base = name.replaceAll("_(total|sum|count|max|bucket)$", "");
            if (!sources.contains("\"" + name + "\"") && !sources.contains("\"" + base + "\"")) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "metrics on the dashboard that no service registers");
    }

    private static void collectStrings(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> m) {
            m.values().forEach(v -> collectStrings(v, into));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectStrings(v, into));
        } else if (node instanceof String str) {
            into.add(str);
        }
    }

    /** The Java sources of the whole suite, where the services name their meters. */
    private static String javaSources() throws IOException {
        Path repo = ROOT.resolve("../..").normalize();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> modules = Files.list(repo)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        all.append(Files.readString(p));
                    }
                }
            }
        }
        return all.toString();
    }
}
