package io.ipsc.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Polls for something the suite does asynchronously (provisioning, archiving, a restart's catch-up).
 * Never a fixed sleep: the wait ends as soon as the condition holds, and the timeout is generous
 * because the machine may be busy with other builds; speed is not what these tests check.
 */
final class Eventually {

    private static final Duration POLL = Duration.ofMillis(500);

    private Eventually() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} and the last error seen otherwise. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        Throwable last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + timeout.toSeconds() + " s: " + what
                        + (last == null ? "" : " (last: " + last.getMessage() + ")"), last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting: " + what, e);
            }
        }
    }
}
