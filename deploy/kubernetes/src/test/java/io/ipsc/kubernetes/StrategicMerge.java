package io.ipsc.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategic merge patch as kustomize applies it to the fields these manifests patch. Maps merge
 * key by key and a null value removes a key. In the built-in kinds, the lists that Kubernetes merges
 * by key (containers and volumes by name, container ports by containerPort, Service ports by port)
 * merge element by element (what the patch adds goes first); every other list is replaced whole, which is also what happens to every
 * list of a custom resource, since kustomize knows no schema for those.
 */
final class StrategicMerge {

    private static final Set<String> BY_NAME = Set.of(
            "containers", "initContainers", "ephemeralContainers", "env", "volumes", "volumeMounts", "imagePullSecrets");
    private static final Set<String> BUILT_IN_GROUPS = Set.of("apps", "batch", "autoscaling", "policy");

    private StrategicMerge() {
    }

    static void apply(Map<String, Object> target, Map<String, Object> patch) {
        String apiVersion = String.valueOf(patch.get("apiVersion"));
        boolean builtIn = !apiVersion.contains("/")
                || BUILT_IN_GROUPS.contains(apiVersion.substring(0, apiVersion.indexOf('/')))
                || apiVersion.substring(0, apiVersion.indexOf('/')).endsWith("k8s.io");
        merge(target, patch, builtIn);
    }

    private static void merge(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("$")) {
                throw new IllegalArgumentException("patch directive " + key + " is not supported by this reader");
            }
            Object value = e.getValue();
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> pm && current instanceof Map<?, ?> cm) {
                merge(Yaml.map(cm), Yaml.map(pm), builtIn);
            } else if (value instanceof List<?> pl && current instanceof List<?> cl && builtIn && mergeKey(key, pl) != null) {
                target.put(key, mergeLists(Yaml.list(cl), Yaml.list(pl), mergeKey(key, pl), builtIn));
            } else {
                target.put(key, Yaml.copy(value));
            }
        }
    }

    private static String mergeKey(String field, List<?> patchList) {
        if (BY_NAME.contains(field)) {
            return "name";
        }
        if (field.equals("ports")) {
            return patchList.stream().allMatch(p -> p instanceof Map<?, ?> m && m.containsKey("containerPort"))
                    ? "containerPort" : "port";
        }
        return null;
    }

    /** Elements the patch adds come first, in the patch's order, as kustomize renders them (env entries, issue 20). */
    private static List<Object> mergeLists(List<Object> current, List<Object> patch, String key, boolean builtIn) {
        List<Object> out = new ArrayList<>(current);
        List<Object> added = new ArrayList<>();
        for (Object p : patch) {
            Map<String, Object> pm = Yaml.map(p);
            Object id = pm.get(key);
            Map<String, Object> match = null;
            for (Object c : out) {
                if (c instanceof Map<?, ?> cm && id != null && id.equals(cm.get(key))) {
                    match = Yaml.map(cm);
                }
            }
            if (match != null) {
                merge(match, pm, builtIn);
            } else {
                added.add(Yaml.copy(pm));
            }
        }
        out.addAll(0, added);
        return out;
    }
}
