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

    private final Map<String, PlanBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Integer> perSecond = new ConcurrentHashMap<>();

    /** A tenant's bucket and the plan rate it was sized for: a plan change gives the tenant a new one. */
    private record PlanBucket(int rate, TokenBucket tokens) {
        PlanBucket(int rate) {
            this(rate, new TokenBucket(rate, rate * 2.0));
        }
    }

    public Decision acquire(String tenant, String plan) {
        int rate = rateFor(plan);
        PlanBucket bucket = buckets.compute(tenant, (t, b) -> b == null || b.rate() != rate ? new PlanBucket(rate) : b);
        TokenBucket.Take take = bucket.tokens().take();
        return new Decision(take.allowed(), rate, take.remaining(), take.retryAfterSeconds());
    }

    int rateFor(String plan) {
        String key = plan == null ? "basic" : plan.toLowerCase(Locale.ROOT);
        return perSecond.computeIfAbsent(key, p -> ConfigProvider.getConfig()
                .getOptionalValue("ipsc.rate-limit." + p, Integer.class)
                .orElse(DEFAULT_PER_SECOND.getOrDefault(p, 50)));
    }
}
