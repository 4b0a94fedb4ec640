package io.ipsc.gateway.door;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code capacity} requests at once, refilled at {@code perSecond}. Thread-safe; the
 * lock is held for a few arithmetic steps, never across I/O.
 */
final class TokenBucket {

    /** One take: whether it was granted, what is left, and when to come back if not. */
    record Take(boolean allowed, int remaining, long retryAfterSeconds) {
    }

    private final double perSecond;
    private final double capacity;
    /** {@link System#nanoTime()}, or a test's clock. */
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    TokenBucket(double perSecond, double capacity) {
        this(perSecond, capacity, System::nanoTime);
    }

    TokenBucket(double perSecond, double capacity, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, capacity);
        this.tokens = this.capacity;
        this.nanoTime = nanoTime;
        this.refilledAt = nanoTime.getAsLong();
    }

    synchronized Take take() {
        refill(nanoTime.getAsLong());
        if (tokens >= 1) {
            tokens -= 1;
            return new Take(true, (int) tokens, 0);
        }
        long wait = (long) Math.ceil((1 - tokens) / perSecond);
        return new Take(false, 0, Math.max(1, wait));
    }

    /** Full again, so as good as new: such a bucket can be forgotten and recreated when next needed. */
    synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now <= refilledAt) {
            return;
        }
        tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
    }
}
