package io.ipsc.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A rendered set of objects, each kept both as the plain map it was written as and as the fabric8
 * model object it parses into: the typed class for the built-in kinds, {@link GenericKubernetesResource}
 * for custom resources (Strimzi, CloudNativePG, Prometheus Operator), whose schemas fabric8 lacks.
 * Parsing is strict: a field that the typed model does not know (a typo, a field at the wrong level)
 * or a value of the wrong type is a problem, not something to drop silently.
 */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** One object of the render. */
    record Obj(Map<String, Object> raw, KubernetesResource typed) {

        String kind() {
            return Yaml.stringAt(raw, "kind");
        }

        String apiVersion() {
            return Yaml.stringAt(raw, "apiVersion");
        }

        String name() {
            return Yaml.stringAt(raw, "metadata", "name");
        }

        String namespace() {
            return Yaml.stringAt(raw, "metadata", "namespace");
        }

        Map<String, Object> labels() {
            return Yaml.mapAt(raw, "metadata", "labels");
        }

        String ref() {
            return kind() + "/" + name();
        }

        boolean sameNamespace(Obj other) {
            return Objects.equals(namespace(), other.namespace());
        }
    }

    final List<Obj> objects = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    static Manifests of(List<Map<String, Object>> docs) {
        Manifests m = new Manifests();
        for (Map<String, Object> doc : docs) {
            m.add(doc);
        }
        return m;
    }

    static Manifests parse(String yaml) {
        return of(Yaml.documents(yaml, "inline"));
    }

    private void add(Map<String, Object> doc) {
        String where = Yaml.stringAt(doc, "kind") + "/" + Yaml.stringAt(doc, "metadata", "name");
        for (String required : List.of("apiVersion", "kind")) {
            if (!(doc.get(required) instanceof String s) || s.isBlank()) {
                problems.add(where + ": has no " + required);
                return;
            }
        }
        if (Yaml.stringAt(doc, "metadata", "name") == null) {
            problems.add(where + ": has no metadata.name");
            return;
        }
        KubernetesResource typed;
        try {
            typed = SERIALIZATION.convertValue(doc, KubernetesResource.class);
        } catch (RuntimeException e) {
            problems.add(where + ": does not parse as " + doc.get("apiVersion") + " " + doc.get("kind") + ": " + e.getMessage());
            return;
        }
        if (!(typed instanceof HasMetadata)) {
            problems.add(where + ": parsed into " + typed.getClass().getSimpleName() + ", not an object with metadata");
            return;
        }
        if (!(typed instanceof GenericKubernetesResource)) {
            unknownFields(typed, where, new IdentityHashMap<>());
        }
        stringsOnly(doc, where);
        objects.add(new Obj(doc, typed));
    }

    /** Walks a typed model object; whatever the model could not place lands in additionalProperties. */
    private void unknownFields(Object node, String path, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object v : c) {
                unknownFields(v, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet() + " (misspelt, misplaced or of the wrong type)");
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(value, path + "." + field, seen);
        }
    }

    /** The API server refuses non-string ConfigMap data and env values; the typed model would quietly convert them. */
    private void stringsOnly(Map<String, Object> doc, String where) {
        if ("ConfigMap".equals(doc.get("kind"))) {
            Yaml.mapAt(doc, "data").forEach((k, v) -> {
                if (!(v instanceof String)) {
                    problems.add(where + ": data." + k + " is " + v + " (a " + typeName(v) + "), not a string: quote it");
                }
            });
        }
        envValues(doc, where);
    }

    private void envValues(Object node, String where) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("env") instanceof List<?> env) {
                for (Object e : env) {
                    if (e instanceof Map<?, ?> var && var.containsKey("value") && !(var.get("value") instanceof String)) {
                        problems.add(where + ": env " + var.get("name") + " has the value " + var.get("value")
                                + " (a " + typeName(var.get("value")) + "), not a string: quote it");
                    }
                }
            }
            m.values().forEach(v -> envValues(v, where));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> envValues(v, where));
        }
    }

    private static String typeName(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName().toLowerCase();
    }

    List<Obj> kind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.kind())).toList();
    }

    <T> T typed(Obj o, Class<T> type) {
        return type.cast(o.typed());
    }

    Obj find(String kind, String namespace, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.kind()) && name.equals(o.name()) && Objects.equals(namespace, o.namespace()))
                .findFirst().orElse(null);
    }

    /** Whether every label of {@code selector} is among {@code labels} (an empty selector selects nothing here). */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        return selector.entrySet().stream().allMatch(e -> Objects.equals(String.valueOf(e.getValue()), labels.get(e.getKey()) == null ? null : String.valueOf(labels.get(e.getKey()))));
    }

    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet");
}
