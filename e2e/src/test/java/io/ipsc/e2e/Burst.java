package io.ipsc.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import static org.awaitility.Awaitility.await;

/**
 * Many clients calling at once, each call's HTTP status kept per key (-1 when no answer came, as when
 * the service died mid-request), so a drill can kill something after some succeeded and while others
 * are in flight.
 */
final class Burst<K> implements AutoCloseable {

    static final int NO_ANSWER = -1;

    private final ExecutorService clients;
    private final Map<K, Integer> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger successes = new AtomicInteger();
    private final int successStatus;

    Burst(int concurrentClients, int successStatus) {
        this.clients = Executors.newFixedThreadPool(concurrentClients);
        this.successStatus = successStatus;
    }

    /** Starts one call per key; {@code call} returns the HTTP status. */
    void start(List<K> keys, ToIntFunction<K> call) {
        for (K key : keys) {
            clients.submit(() -> {
                int status;
                try {
                    status = call.applyAsInt(key);
                } catch (RuntimeException e) {
                    status = NO_ANSWER;
                }
                outcomes.put(key, status);
                if (status == successStatus) {
                    successes.incrementAndGet();
                }
            });
        }
    }

    void awaitSuccesses(int count, Duration timeout) {
        await(count + " successful calls").atMost(timeout).ignoreExceptions().until(() -> successes.get() >= count);
    }

    /** Waits for every call to end, however it ends, and returns key → status. */
    Map<K, Integer> finish(Duration timeout) throws InterruptedException {
        clients.shutdown();
        if (!clients.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Calls still running after " + timeout.toSeconds() + " s");
        }
        return Map.copyOf(outcomes);
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
