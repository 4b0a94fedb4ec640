package io.ipsc.gateway.door;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant token buckets, sized by the tenant's plan: each tenant has its own bucket, so a noisy
 * tenant exhausts only its own. Requests per second ({@code ipsc.rate-limit.<plan>}) refill the
 * bucket; it holds two seconds' worth for bursts.
 */
@Singleton
public class RateLimiter {

    /** The decision, with what the rate-limit headers report. */
    public record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
    }

    private static final Map<String, Integer> DEFAULT_PER_SECOND = Map.of("free", 10, "basic", 50, "premium", 200, "enterprise", 1000);

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Integer> perSecond = new ConcurrentHashMap<>();

    public Decision acquire(String tenant, String plan) {
        int rate = rateFor(plan);
        Bucket bucket = buckets.compute(tenant, (t, b) -> b == null || b.rate != rate ? new Bucket(rate) : b);
        return bucket.take();
    }

    int rateFor(String plan) {
        String key = plan == null ? "basic" : plan.toLowerCase(Locale.ROOT);
        return perSecond.computeIfAbsent(key, p -> ConfigProvider.getConfig()
                .getOptionalValue("ipsc.rate-limit." + p, Integer.class)
                .orElse(DEFAULT_PER_SECOND.getOrDefault(p, 50)));
    }

    private static final class Bucket {
        private final int rate;
        private final double capacity;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int rate) {
            this.rate = rate;
            this.capacity = Math.max(1, rate * 2.0);
            this.tokens = capacity;
        }

        synchronized Decision take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, rate, (int) tokens, 0);
            }
            long wait = (long) Math.ceil((1 - tokens) / rate);
            return new Decision(false, rate, 0, Math.max(1, wait));
        }
    }
}
