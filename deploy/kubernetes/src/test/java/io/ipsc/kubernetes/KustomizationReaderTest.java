package io.ipsc.kubernetes;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader renders what kustomize renders, so the checks mean the same on machines without kustomize. */
class KustomizationReaderTest {

    static List<String> directories() {
        return RenderedOverlaysTest.DIRECTORIES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void readerRendersWhatKustomizeRenders(String dir) {
        var kustomize = Renderers.kustomize();
        Assumptions.assumeTrue(kustomize.isPresent(), "neither kustomize nor kubectl is installed");
        Map<String, Map<String, Object>> expected = byId(kustomize.get().render(Renderers.root().resolve(dir)));
        Map<String, Map<String, Object>> actual = byId(Renderers.READER.render(Renderers.root().resolve(dir)));
        assertEquals(expected.keySet(), actual.keySet(), "the same objects");
        for (String id : expected.keySet()) {
            assertEquals(Yaml.write(expected.get(id)), Yaml.write(sorted(actual.get(id), expected.get(id))), id);
        }
    }

    /** Values captured from kustomize 5.5.0, so that the hash is checked on machines without it too. */
    @Test
    void configMapHashIsKustomizes() {
        assertEquals("6b56fdfggc", KustomizationReader.hash(Map.of("A", "1", "B", "two")));
        assertEquals("8692gh424h", KustomizationReader.hash(Map.of("A", "1", "B", "three")));
        Map<String, Object> escaped = new LinkedHashMap<>();
        escaped.put("A", "1");
        escaped.put("B", "two");
        escaped.put("URL", "^https://([a-z0-9-]+\\.)?x\\.example\\.com$");
        escaped.put("HTML", "a&b<c>d");
        escaped.put("Q", "quoted value");
        assertEquals("66fgk5b8t4", KustomizationReader.hash(escaped));
    }

    @Test
    void overlayFeaturesApplyAsKustomizeAppliesThem(@TempDir Path tmp) throws IOException {
        Path base = Files.createDirectories(tmp.resolve("base"));
        Path overlay = Files.createDirectories(tmp.resolve("overlay"));
        Files.writeString(base.resolve("kustomization.yaml"), """
                resources: [ns.yaml, app.yaml]
                configMapGenerator:
                  - name: cfg
                    literals: [A=1, B=two]
                """);
        Files.writeString(base.resolve("ns.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: ipsc}
                """);
        Files.writeString(base.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: app
                          image: reg/app:1
                          envFrom: [{configMapRef: {name: cfg}}]
                          resources: {limits: {cpu: "1"}}
                        - name: side
                          image: reg/side:1
                """);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                namespace: ipsc-dev
                resources: [../base]
                configMapGenerator:
                  - name: cfg
                    behavior: merge
                    literals: [B=three]
                images:
                  - name: reg/app
                    newName: other/app
                    newTag: "2"
                patches:
                  - path: patch.yaml
                """);
        Files.writeString(overlay.resolve("patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: app
                          resources: {limits: {memory: 1Gi}}
                """);
        Map<String, Map<String, Object>> out = byId(new KustomizationReader().build(overlay));
        assertEquals(new TreeSet<>(List.of("ConfigMap/ipsc-dev/cfg-8692gh424h", "Deployment/ipsc-dev/app", "Namespace/null/ipsc-dev")),
                new TreeSet<>(out.keySet()));
        assertEquals(Map.of("A", "1", "B", "three"), out.get("ConfigMap/ipsc-dev/cfg-8692gh424h").get("data"));
        Map<String, Object> app = out.get("Deployment/ipsc-dev/app");
        assertEquals(1, Yaml.at(app, "spec", "replicas"));
        List<Object> containers = Yaml.listAt(app, "spec", "template", "spec", "containers");
        assertEquals(2, containers.size(), "containers merge by name");
        Map<String, Object> main = Yaml.map(containers.get(0));
        assertEquals("other/app:2", main.get("image"));
        assertEquals(Map.of("cpu", "1", "memory", "1Gi"), Yaml.at(main, "resources", "limits"));
        assertEquals("cfg-8692gh424h", Yaml.at(Yaml.map(Yaml.listAt(main, "envFrom").get(0)), "configMapRef", "name"));
        assertEquals("reg/side:1", Yaml.map(containers.get(1)).get("image"));
    }

    @Test
    void fieldsItDoesNotImplementAreRefused(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("kustomization.yaml"), """
                namePrefix: dev-
                resources: []
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KustomizationReader().build(tmp));
        assertTrue(e.getMessage().contains("namePrefix"), e.getMessage());
    }

    @Test
    void aPatchWithoutTargetIsRefused(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("kustomization.yaml"), """
                resources: [cm.yaml]
                patches: [{path: patch.yaml}]
                """);
        Files.writeString(tmp.resolve("cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                """);
        Files.writeString(tmp.resolve("patch.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                data: {x: y}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KustomizationReader().build(tmp));
        assertTrue(e.getMessage().contains("ConfigMap b matches 0 objects"), e.getMessage());
    }

    static Map<String, Map<String, Object>> byId(List<Map<String, Object>> docs) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> d : docs) {
            out.put(d.get("kind") + "/" + Yaml.stringAt(d, "metadata", "namespace") + "/" + Yaml.stringAt(d, "metadata", "name"), d);
        }
        return out;
    }

    /** The reader's object with its map keys in kustomize's order, so that a difference shows as a readable diff. */
    private static Object sorted(Object actual, Object expected) {
        if (actual instanceof Map<?, ?> a && expected instanceof Map<?, ?> e) {
            Map<String, Object> out = new LinkedHashMap<>();
            e.keySet().forEach(k -> {
                if (a.containsKey(k)) {
                    out.put(String.valueOf(k), sorted(a.get(k), e.get(k)));
                }
            });
            a.forEach((k, v) -> out.putIfAbsent(String.valueOf(k), v));
            return out;
        }
        if (actual instanceof List<?> a && expected instanceof List<?> e) {
            List<Object> out = new java.util.ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add(i < e.size() ? sorted(a.get(i), e.get(i)) : a.get(i));
            }
            return out;
        }
        return actual;
    }
}
