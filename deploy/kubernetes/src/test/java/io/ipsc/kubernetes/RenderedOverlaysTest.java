package io.ipsc.kubernetes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every overlay (and the base they share), rendered every way this machine can, passes every check. */
class RenderedOverlaysTest {

    static final List<String> DIRECTORIES = List.of("base", "overlays/dev", "overlays/prod");

    static Stream<Arguments> renders() {
        List<Arguments> all = new ArrayList<>();
        for (String dir : DIRECTORIES) {
            for (Renderers.Renderer r : Renderers.available()) {
                all.add(Arguments.of(dir, r));
            }
        }
        return all.stream();
    }

    static KnownSecrets knownSecrets() {
        return KnownSecrets.load(Renderers.root().resolve("external-secrets.txt"));
    }

    @ParameterizedTest(name = "{0} rendered by {1}")
    @MethodSource("renders")
    void everyCheckPasses(String dir, Renderers.Renderer renderer) {
        List<Map<String, Object>> docs = renderer.render(Renderers.root().resolve(dir));
        Manifests manifests = Manifests.of(docs);
        List<String> problems = ManifestChecks.check(manifests, knownSecrets());
        assertEquals(List.of(), problems, () -> dir + " rendered by " + renderer.name() + " has problems:\n  " + String.join("\n  ", problems));
        assertEquals(docs.size(), manifests.objects.size(), "every document became an object");
        for (String kind : List.of("Namespace", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                "ServiceMonitor", "NetworkPolicy", "Ingress", "Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "ConfigMap")) {
            assertTrue(!manifests.kind(kind).isEmpty(), () -> dir + " renders no " + kind);
        }
        assertEquals(7, manifests.kind("Deployment").size(), "six services and the web app");
    }

    static Manifests render(String dir) {
        return Manifests.of(Renderers.available().get(Renderers.available().size() - 1).render(Renderers.root().resolve(dir)));
    }

    static Path dir(String dir) {
        return Renderers.root().resolve(dir);
    }
}
