package io.ipsc.local;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the local servers keep what they acknowledged through a power cut or a kernel crash. This is
 * the one place that names the settings of each mode.
 *
 * <p>{@link #DURABLE} is what {@code ./ipsc up} runs: PostgreSQL flushes its WAL before a commit returns
 * and writes whole pages after a checkpoint (a torn page cannot be repaired otherwise), and the broker
 * flushes each message to disk before it acknowledges it. The embedded PostgreSQL library starts the
 * server with {@code -F} (fsync off) and {@code synchronous_commit=off}, its defaults for tests; the
 * {@code -c} settings below come after that flag on the command line, and the later one wins.
 *
 * <p>{@link #FAST} is for the tests and the end-to-end suite only: they throw their data away, and the
 * SIGKILL drills they run kill processes, which leaves the page cache (and so every write) intact;
 * only a power cut loses what was never flushed.
 */
public enum Durability {
    DURABLE(postgres("on"), Map.of("log.flush.interval.messages", "1")),
    FAST(postgres("off"), Map.of());

    /** The variable that selects the mode of a local run; unset means {@link #DURABLE}. */
    public static final String VARIABLE = "IPSC_DURABILITY";

    private final Map<String, String> postgres;
    private final Map<String, String> kafka;

    Durability(Map<String, String> postgres, Map<String, String> kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** The three settings a commit's survival rests on, in the order they are printed. */
    private static Map<String, String> postgres(String value) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", value);
        settings.put("synchronous_commit", value);
        settings.put("full_page_writes", value);
        return settings;
    }

    /** PostgreSQL settings, passed as {@code -c name=value}. */
    public Map<String, String> postgresSettings() {
        return new LinkedHashMap<>(postgres);
    }

    /** Broker settings added to the broker's own. */
    public Map<String, String> kafkaSettings() {
        return new LinkedHashMap<>(kafka);
    }

    /** {@code durable} (the default) or {@code fast}; anything else is refused with the choices. */
    public static Durability parse(Optional<String> value) {
        if (value.isEmpty()) {
            return DURABLE;
        }
        try {
            return valueOf(value.get().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + " must be 'durable' or 'fast', not '" + value.get() + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
