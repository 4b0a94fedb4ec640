package io.ipsc.kubernetes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders a kustomization without the kustomize binary, for machines that lack it. It implements the
 * part of kustomize that these manifests use, the way kustomize 5 does it: {@code resources} (files
 * and directories), {@code configMapGenerator} with literals (create, merge, replace; the content hash
 * in the name, and the references to it rewritten), {@code patches} given as strategic-merge files,
 * {@code namespace} and {@code images}. Any other field is refused, so the reader can never silently
 * render something different from what kustomize would; where kustomize is installed the tests
 * compare the two renders object by object.
 */
final class KustomizationReader {

    static final Set<String> SUPPORTED = Set.of(
            "apiVersion", "kind", "resources", "namespace", "images", "patches", "configMapGenerator");

    /** Kinds that have no namespace; everything else, custom resources included, gets one. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
            "StorageClass", "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration", "ClusterIssuer");

    private static final Set<String> WORKLOADS = Set.of(
            "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod");

    /** One object on its way through the build; generated ConfigMaps get their hashed name at the very end. */
    private static final class Item {
        final Map<String, Object> obj;
        final boolean generated;

        Item(Map<String, Object> obj, boolean generated) {
            this.obj = obj;
            this.generated = generated;
        }

        String kind() {
            return Yaml.stringAt(obj, "kind");
        }

        String name() {
            return Yaml.stringAt(obj, "metadata", "name");
        }

        String namespace() {
            return Yaml.stringAt(obj, "metadata", "namespace");
        }
    }

    List<Map<String, Object>> build(Path dir) {
        List<Item> items = level(dir.toAbsolutePath().normalize());
        nameGenerated(items);
        List<Map<String, Object>> out = new ArrayList<>();
        items.forEach(i -> out.add(i.obj));
        return out;
    }

    private List<Item> level(Path dir) {
        Path file = kustomizationFile(dir);
        Map<String, Object> k = Yaml.single(file);
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalArgumentException(file + ": field '" + key + "' is not supported by this reader "
                        + "(it knows " + new TreeSet<>(SUPPORTED) + "); install kustomize or keep to those");
            }
        }
        List<Item> items = new ArrayList<>();
        for (Object entry : Yaml.listAt(k, "resources")) {
            Path p = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(p)) {
                items.addAll(level(p));
            } else if (Files.isRegularFile(p)) {
                for (Map<String, Object> doc : Yaml.documents(p)) {
                    items.add(new Item(doc, false));
                }
            } else {
                throw new IllegalArgumentException(file + ": resource " + entry + " does not exist");
            }
        }
        requireUnique(items, file);
        generators(k, items, file);
        patches(k, items, dir, file);
        namespace(k, items);
        images(k, items, file);
        return items;
    }

    private static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException(dir + ": no kustomization.yaml");
    }

    private static void requireUnique(List<Item> items, Path file) {
        Set<String> seen = new java.util.HashSet<>();
        for (Item i : items) {
            String id = i.kind() + "/" + i.namespace() + "/" + i.name();
            if (!seen.add(id)) {
                throw new IllegalArgumentException(file + ": " + i.kind() + " " + i.name() + " is declared twice");
            }
        }
    }

    private static void generators(Map<String, Object> k, List<Item> items, Path file) {
        for (Object g : Yaml.listAt(k, "configMapGenerator")) {
            Map<String, Object> gen = Yaml.map(g);
            for (String key : gen.keySet()) {
                if (!Set.of("name", "behavior", "literals").contains(key)) {
                    throw new IllegalArgumentException(file + ": configMapGenerator field '" + key + "' is not supported by this reader");
                }
            }
            String name = Yaml.stringAt(gen, "name");
            String behavior = gen.getOrDefault("behavior", "create").toString();
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object literal : Yaml.listAt(gen, "literals")) {
                String s = String.valueOf(literal);
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ": literal '" + s + "' is not KEY=VALUE");
                }
                data.put(s.substring(0, eq), unquote(s.substring(eq + 1)));
            }
            Item existing = items.stream()
                    .filter(i -> "ConfigMap".equals(i.kind()) && name.equals(i.name()))
                    .findFirst().orElse(null);
            switch (behavior) {
                case "create" -> {
                    if (existing != null) {
                        throw new IllegalArgumentException(file + ": ConfigMap " + name + " already exists; use behavior merge or replace");
                    }
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("apiVersion", "v1");
                    cm.put("kind", "ConfigMap");
                    cm.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
                    cm.put("data", data);
                    items.add(new Item(cm, true));
                }
                case "merge", "replace" -> {
                    if (existing == null) {
                        throw new IllegalArgumentException(file + ": no ConfigMap " + name + " to " + behavior);
                    }
                    Map<String, Object> target = Yaml.map(existing.obj.computeIfAbsent("data", x -> new LinkedHashMap<>()));
                    if (behavior.equals("replace")) {
                        target.clear();
                    }
                    target.putAll(data);
                }
                default -> throw new IllegalArgumentException(file + ": unknown generator behavior " + behavior);
            }
        }
    }

    /** kustomize drops one pair of matching quotes around a literal's value. */
    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static void patches(Map<String, Object> k, List<Item> items, Path dir, Path file) {
        for (Object p : Yaml.listAt(k, "patches")) {
            Map<String, Object> entry = Yaml.map(p);
            if (!entry.keySet().equals(Set.of("path"))) {
                throw new IllegalArgumentException(file + ": this reader only applies patches given as a path to strategic-merge documents, not " + entry.keySet());
            }
            Path patchFile = dir.resolve(String.valueOf(entry.get("path"))).normalize();
            for (Map<String, Object> patch : Yaml.documents(patchFile)) {
                String kind = Yaml.stringAt(patch, "kind");
                String name = Yaml.stringAt(patch, "metadata", "name");
                String ns = Yaml.stringAt(patch, "metadata", "namespace");
                List<Item> targets = items.stream()
                        .filter(i -> kind.equals(i.kind()) && name.equals(i.name()) && (ns == null || ns.equals(i.namespace())))
                        .toList();
                if (targets.size() != 1) {
                    throw new IllegalArgumentException(patchFile + ": " + kind + " " + name + " matches " + targets.size() + " objects, expected 1");
                }
                StrategicMerge.apply(targets.get(0).obj, patch);
            }
        }
    }

    private static void namespace(Map<String, Object> k, List<Item> items) {
        String ns = Yaml.stringAt(k, "namespace");
        if (ns == null) {
            return;
        }
        for (Item i : items) {
            Map<String, Object> meta = Yaml.map(i.obj.computeIfAbsent("metadata", x -> new LinkedHashMap<>()));
            if ("Namespace".equals(i.kind())) {
                meta.put("name", ns);
            } else if (!CLUSTER_SCOPED.contains(i.kind())) {
                meta.put("namespace", ns);
            }
        }
    }

    private static void images(Map<String, Object> k, List<Item> items, Path file) {
        for (Object e : Yaml.listAt(k, "images")) {
            Map<String, Object> rule = Yaml.map(e);
            for (String key : rule.keySet()) {
                if (!Set.of("name", "newName", "newTag", "digest").contains(key)) {
                    throw new IllegalArgumentException(file + ": images field '" + key + "' is not supported by this reader");
                }
            }
            for (Item i : items) {
                rewriteImages(i.obj, rule);
            }
        }
    }

    private static void rewriteImages(Object node, Map<String, Object> rule) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue() instanceof List<?> l) {
                    for (Object c : l) {
                        if (c instanceof Map<?, ?> container && container.get("image") instanceof String image) {
                            String updated = Images.rewrite(image, rule);
                            if (updated != null) {
                                Yaml.map(container).put("image", updated);
                            }
                        }
                    }
                }
                rewriteImages(e.getValue(), rule);
            }
        } else if (node instanceof List<?> l) {
            l.forEach(v -> rewriteImages(v, rule));
        }
    }

    /** Appends the content hash to every generated ConfigMap's name and follows it in the pod specs. */
    private static void nameGenerated(List<Item> items) {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Item i : items) {
            if (i.generated) {
                String hashed = i.name() + "-" + hash(Yaml.mapAt(i.obj, "data"));
                renamed.put(i.name(), hashed);
                Yaml.map(i.obj.get("metadata")).put("name", hashed);
            }
        }
        for (Item i : items) {
            if (WORKLOADS.contains(i.kind())) {
                renameReferences(i.obj, renamed);
            }
        }
    }

    private static void renameReferences(Object node, Map<String, String> renamed) {
        if (node instanceof Map<?, ?> m) {
            for (String key : List.of("configMapRef", "configMapKeyRef", "configMap")) {
                if (m.get(key) instanceof Map<?, ?> ref && ref.get("name") instanceof String name && renamed.containsKey(name)) {
                    Yaml.map(ref).put("name", renamed.get(name));
                }
            }
            m.values().forEach(v -> renameReferences(v, renamed));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> renameReferences(v, renamed));
        }
    }

    /**
     * kustomize's ConfigMap hash: SHA-256 of Go's JSON encoding of {data, kind, name: ""} with sorted keys,
     * its first ten hex digits with 0, 1, 3, a, e swapped for letters (so the suffix never looks like a number).
     */
    static String hash(Map<String, Object> data) {
        StringBuilder json = new StringBuilder("{\"data\":{");
        boolean first = true;
        for (Map.Entry<String, Object> e : new TreeMap<>(data).entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            goJson(json, e.getKey());
            json.append(':');
            goJson(json, String.valueOf(e.getValue()));
        }
        json.append("},\"kind\":\"ConfigMap\",\"name\":\"\"}");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            char[] hex = HexFormat.of().formatHex(digest).substring(0, 10).toCharArray();
            for (int i = 0; i < hex.length; i++) {
                hex[i] = switch (hex[i]) {
                    case '0' -> 'g';
                    case '1' -> 'h';
                    case '3' -> 'k';
                    case 'a' -> 'm';
                    case 'e' -> 't';
                    default -> hex[i];
                };
            }
            return new String(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string as Go's encoding/json writes it (HTML characters escaped). */
    private static void goJson(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
