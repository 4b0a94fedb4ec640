package io.ipsc.kubernetes;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Multi-document YAML into plain maps and lists, and the small helpers for walking them. */
final class Yaml {

    /** A key written twice is a mistake that kubectl would silently resolve one way; refuse it. */
    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Yaml() {
    }

    /** Every non-empty document of {@code text}, each a map. */
    static List<Map<String, Object>> documents(String text, String origin) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (MappingIterator<Object> it = MAPPER.readerFor(Object.class).readValues(text)) {
            while (it.hasNextValue()) {
                Object doc = it.nextValue();
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map)) {
                    throw new IllegalArgumentException(origin + ": a document is not a mapping: " + doc);
                }
                docs.add(map(doc));
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
        return docs;
    }

    static List<Map<String, Object>> documents(Path file) {
        try {
            return documents(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single mapping in {@code file}. */
    static Map<String, Object> single(Path file) {
        List<Map<String, Object>> docs = documents(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one document, found " + docs.size());
        }
        return docs.get(0);
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    /** The value at {@code path} (map keys), or null when any step is missing or not a map. */
    static Object at(Map<String, Object> root, String... path) {
        Object cur = root;
        for (String key : path) {
            if (!(cur instanceof Map)) {
                return null;
            }
            cur = map(cur).get(key);
        }
        return cur;
    }

    static Map<String, Object> mapAt(Map<String, Object> root, String... path) {
        Object v = at(root, path);
        return v instanceof Map ? map(v) : Map.of();
    }

    static List<Object> listAt(Map<String, Object> root, String... path) {
        Object v = at(root, path);
        return v instanceof List ? list(v) : List.of();
    }

    static String stringAt(Map<String, Object> root, String... path) {
        Object v = at(root, path);
        return v == null ? null : String.valueOf(v);
    }

    /** A deep copy made of fresh LinkedHashMaps and ArrayLists, so that edits never leak between objects. */
    static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return o;
    }

    static Map<String, Object> copyMap(Map<String, Object> m) {
        return map(copy(m));
    }
}
