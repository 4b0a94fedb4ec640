package io.ipsc.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * How long each step of a start took, wall clock: what {@code ./ipsc up} prints when it is ready and
 * what {@code ./ipsc bench} reads for the start-up figure (issue 19), so that a slower start shows
 * where it went.
 */
public final class StartupSteps {

    private record Step(String name, long nanos) {
    }

    private final long startedAt = System.nanoTime();
    private final List<Step> steps = new ArrayList<>();
    private volatile long finishedAt = -1;

    /** Runs {@code step}, remembering its time under {@code name}; a step with nothing to do (no services) is not listed. */
    public <T> T time(String name, Callable<T> step) throws Exception {
        long start = System.nanoTime();
        T result = step.call();
        if (!name.startsWith("0 ")) {
            synchronized (steps) {
                steps.add(new Step(name, System.nanoTime() - start));
            }
        }
        return result;
    }

    /** Marks the start as complete: the total stops there. */
    public StartupSteps finish() {
        finishedAt = System.nanoTime();
        return this;
    }

    /** Seconds from this object's creation until {@link #finish()} (or now, before it). */
    public double totalSeconds() {
        return ((finishedAt < 0 ? System.nanoTime() : finishedAt) - startedAt) / 1e9;
    }

    /** {@code "38.2 s (PostgreSQL 2.1 s, Kafka 3.0 s, tenant-service 11.4 s, ...)"}. */
    public String text() {
        synchronized (steps) {
            return String.format("%.1f s (%s)", totalSeconds(),
                    steps.stream().map(s -> String.format("%s %.1f s", s.name(), s.nanos() / 1e9)).collect(Collectors.joining(", ")));
        }
    }
}
