package io.ipsc.local.bench;

import io.ipsc.local.ServiceSpec;
import io.ipsc.local.Services;
import io.ipsc.local.StateDir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each running service's resident memory ({@code VmRSS}) while a load runs, read once a second: its peak
 * during the load and its value when the load has ended. Issue 19 asks for at most 300 MB per service
 * under load; an idle figure says little, as the heap and the JIT's code cache grow with the traffic.
 */
final class MemoryWatch implements AutoCloseable {

    /** One service: the highest RSS seen and the last one, in KiB (-1 when never read). */
    record Figures(String service, long peakKiB, long lastKiB) {
        String shown() {
            return String.format("%s %s (after %s)", service, mb(peakKiB), mb(lastKiB));
        }

        private static String mb(long kib) {
            return kib < 0 ? "unknown" : String.format("%.0f MB", kib / 1024.0);
        }
    }

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> peak = new ConcurrentHashMap<>();
    private final Map<String, Long> last = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private MemoryWatch(StateDir state) {
        for (ServiceSpec s : Services.ALL) {
            ServiceResources.pid(state, s.name()).ifPresent(pid -> pids.put(s.name(), pid));
        }
        sampler = new Thread(this::sampleUntilClosed, "memory-watch");
        sampler.setDaemon(true);
    }

    /** Starts reading every service the launcher's pid files name. */
    static MemoryWatch start(StateDir state) {
        MemoryWatch watch = new MemoryWatch(state);
        watch.sample();
        watch.sampler.start();
        return watch;
    }

    private void sampleUntilClosed() {
        while (running) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private void sample() {
        pids.forEach((service, pid) -> {
            long rss = ServiceResources.rssKiB(pid);
            if (rss >= 0) {
                last.put(service, rss);
                peak.merge(service, rss, Math::max);
            }
        });
    }

    /** The figures so far, with one last reading, in the launcher's order of services. */
    List<Figures> figures() {
        sample();
        List<Figures> figures = new ArrayList<>();
        for (String service : pids.keySet()) {
            figures.add(new Figures(service, peak.getOrDefault(service, -1L), last.getOrDefault(service, -1L)));
        }
        return figures;
    }

    /** One sentence for the report: each service's peak and final RSS, and those above {@code limitMb}. */
    String summary(int limitMb) {
        List<Figures> figures = figures();
        if (figures.isEmpty()) {
            return "Resident memory: unknown (no service's pid file was found).";
        }
        List<String> over = figures.stream().filter(f -> f.peakKiB() > limitMb * 1024L).map(Figures::service).toList();
        return "Resident memory (RSS) of each service during the load, peak (after): "
                + String.join(", ", figures.stream().map(Figures::shown).toList()) + ". Issue 19's goal, at most " + limitMb
                + " MB under load: " + (over.isEmpty() ? "met by every service." : "exceeded by " + String.join(", ", over) + ".");
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
