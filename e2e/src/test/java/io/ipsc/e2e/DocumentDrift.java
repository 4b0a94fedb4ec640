package io.ipsc.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where two OpenAPI documents differ, as a reader wants it: operations and schemas added, removed or
 * changed, not two megabytes of text. {@code servers} is left out: it names the address the gateway runs on.
 */
final class DocumentDrift {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private DocumentDrift() {
    }

    /** One line per difference, empty when the documents say the same; {@code expected} is the committed one. */
    static List<String> between(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        ObjectNode committed = withoutServers(expected);
        ObjectNode live = withoutServers(actual);
        // The operations first: they are what a reader of the failure looks for.
        List<String> keys = new ArrayList<>(union(committed, live));
        if (keys.remove("paths")) {
            keys.add(0, "paths");
        }
        for (String key : keys) {
            JsonNode before = committed.path(key);
            JsonNode after = live.path(key);
            if (before.equals(after)) {
                continue;
            }
            switch (key) {
                case "paths" -> differences.addAll(operations(before, after));
                case "components" -> {
                    for (String kind : union(before, after)) {
                        members("components." + kind, before.path(kind), after.path(kind), differences);
                    }
                }
                default -> differences.add(describe(key, before, after));
            }
        }
        return differences;
    }

    private static List<String> operations(JsonNode before, JsonNode after) {
        List<String> differences = new ArrayList<>();
        for (String path : union(before, after)) {
            JsonNode itemBefore = before.path(path);
            JsonNode itemAfter = after.path(path);
            if (itemBefore.equals(itemAfter)) {
                continue;
            }
            for (String key : union(itemBefore, itemAfter)) {
                JsonNode was = itemBefore.path(key);
                JsonNode is = itemAfter.path(key);
                if (was.equals(is)) {
                    continue;
                }
                String where = HTTP_METHODS.contains(key)
                        ? key.toUpperCase() + " " + path + " (" + is.path("operationId").asText(was.path("operationId").asText("?")) + ")"
                        : path + " " + key;
                if (was.isMissingNode()) {
                    differences.add("+ " + where + ": only in the live document");
                } else if (is.isMissingNode()) {
                    differences.add("- " + where + ": only in the snapshot");
                } else {
                    List<String> parts = new ArrayList<>();
                    for (String part : union(was, is)) {
                        if (!was.path(part).equals(is.path(part))) {
                            parts.add(part);
                        }
                    }
                    differences.add("~ " + where + ": " + String.join(", ", parts) + " changed");
                }
            }
        }
        return differences;
    }

    private static void members(String where, JsonNode before, JsonNode after, List<String> differences) {
        for (String name : union(before, after)) {
            JsonNode was = before.path(name);
            JsonNode is = after.path(name);
            if (was.isMissingNode()) {
                differences.add("+ " + where + "." + name + ": only in the live document");
            } else if (is.isMissingNode()) {
                differences.add("- " + where + "." + name + ": only in the snapshot");
            } else if (!was.equals(is)) {
                differences.add("~ " + where + "." + name + changedProperties(was.path("properties"), is.path("properties")));
            }
        }
    }

    /** For a schema: the properties added and removed, which is what a generated client feels. */
    private static String changedProperties(JsonNode before, JsonNode after) {
        List<String> parts = new ArrayList<>();
        for (String property : union(before, after)) {
            if (before.path(property).isMissingNode()) {
                parts.add("+" + property);
            } else if (after.path(property).isMissingNode()) {
                parts.add("-" + property);
            } else if (!before.path(property).equals(after.path(property))) {
                parts.add("~" + property);
            }
        }
        String shown = parts.size() > 8 ? String.join(" ", parts.subList(0, 8)) + " ..." : String.join(" ", parts);
        return parts.isEmpty() ? " changed" : " changed: " + shown;
    }

    private static String describe(String key, JsonNode before, JsonNode after) {
        if (before.isMissingNode()) {
            return "+ " + key + ": only in the live document";
        }
        if (after.isMissingNode()) {
            return "- " + key + ": only in the snapshot";
        }
        return "~ " + key + " changed";
    }

    private static ObjectNode withoutServers(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove("servers");
        return copy;
    }

    /** Field names of both objects (none for anything else), sorted, so that the report reads the same each time. */
    private static Set<String> union(JsonNode a, JsonNode b) {
        Set<String> names = new TreeSet<>();
        for (JsonNode node : List.of(a, b)) {
            if (node.isObject()) {
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
            }
        }
        return names;
    }
}
