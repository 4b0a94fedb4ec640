package io.ipsc.testsupport;

import java.time.Duration;

/** Retries a check until it passes or time runs out: for effects that travel through Kafka and arrive shortly. */
public final class Eventually {

    private static final long PAUSE_MILLIS = 200;

    private Eventually() {
    }

    /** Runs {@code check} until it throws no {@link AssertionError}; after {@code timeout}, the last failure is thrown. */
    public static void passes(Duration timeout, Runnable check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(PAUSE_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
