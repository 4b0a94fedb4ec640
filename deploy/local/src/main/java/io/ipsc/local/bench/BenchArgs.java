package io.ipsc.local.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The {@code NAME VALUE} pairs after {@code ./ipsc bench PART}, e.g. {@code burst 100 connections 16}. */
final class BenchArgs {

    private final Map<String, String> values = new LinkedHashMap<>();

    private BenchArgs() {
    }

    /** Refuses names outside {@code known}: a misspelt parameter would otherwise be ignored silently. */
    static BenchArgs parse(String[] args, Set<String> known) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come in pairs, NAME VALUE; got " + String.join(" ", args));
        }
        BenchArgs parsed = new BenchArgs();
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; known: " + String.join(", ", known));
            }
            parsed.values.put(args[i], args[i + 1]);
        }
        return parsed;
    }

    int integer(String name, int defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of at least 0, not " + value);
        }
    }

    String text(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }
}
