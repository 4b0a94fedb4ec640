package io.ipsc.tenancy.db.guard;

import jakarta.ws.rs.Path;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The path family of the endpoint a request matched ({@code dental-supplies} for
 * {@code /api/dental-supplies/{id}/receipts}), read from its declared {@code @Path} templates rather
 * than from the request line: however the caller spelt the path ({@code /api/patients/%2e%2e/dental-supplies}),
 * the family is that of the code about to run.
 */
final class ResourceFamily {

    private static final Map<Method, String> FAMILIES = new ConcurrentHashMap<>();

    private ResourceFamily() {
    }

    static String of(Class<?> resourceClass, Method method) {
        if (method == null) {
            return family(template(resourceClass.getAnnotation(Path.class)));
        }
        return FAMILIES.computeIfAbsent(method, m ->
                family(template(resourceClass.getAnnotation(Path.class)) + "/" + template(m.getAnnotation(Path.class))));
    }

    /** The first segment after {@code /api/} (or the first segment, for a path outside {@code /api}). */
    static String family(String template) {
        List<String> segments = Arrays.stream(template.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.size() > 1 && segments.get(0).equals("api")) {
            return segments.get(1);
        }
        return segments.isEmpty() ? "" : segments.get(0);
    }

    private static String template(Path path) {
        return path == null ? "" : path.value();
    }
}
