package io.ipsc.gateway.door;

import io.ipsc.tenancy.error.ApiException;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing and token trying at the door: the credential endpoints ({@code /api/auth/*},
 * {@code /api/invitations/*}, self-service sign-up {@code /api/signup}) take {@code ipsc.gateway.auth-rate-limit.per-minute} requests a minute
 * per client address, with bursts of {@code ipsc.gateway.auth-rate-limit.burst}. The account lockout
 * in tenant-service guards each account; this guards against one address trying many.
 * <p>
 * The address is the connection's; it is the one named last in {@code X-Forwarded-For} only when the
 * connection comes from a trusted proxy ({@link TrustedProxies}: the web app, an ingress controller). Memory is bounded: a bucket that
 * has refilled is forgotten (it is as good as a new one), and past {@code max-clients} addresses the
 * newcomers share one bucket, so a flood of addresses slows only itself.
 */
@Singleton
public class CredentialThrottle {

    private static final String OVERFLOW = "(too many addresses)";
    /** Self-service sign-up creates an account with a password: as costly to the service, and as tempting to script. */
    private static final String SIGNUP = "/api/signup";
    private static final long SWEEP_MILLIS = 30_000;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final int burst;
    private final int maxClients;
    private final Vertx vertx;
    private final long sweeper;
    /** {@link System#nanoTime()}, or a test's clock. */
    private final LongSupplier nanoTime;

    @Inject
    public CredentialThrottle(Vertx vertx,
                              @ConfigProperty(name = "ipsc.gateway.auth-rate-limit.per-minute", defaultValue = "60") int perMinute,
                              @ConfigProperty(name = "ipsc.gateway.auth-rate-limit.burst", defaultValue = "20") int burst,
                              @ConfigProperty(name = "ipsc.gateway.auth-rate-limit.max-clients", defaultValue = "100000") int maxClients) {
        this(vertx, perMinute, burst, maxClients, System::nanoTime);
    }

    CredentialThrottle(Vertx vertx, int perMinute, int burst, int maxClients, LongSupplier nanoTime) {
        this.vertx = vertx;
        this.nanoTime = nanoTime;
        this.perSecond = Math.max(1, perMinute) / 60.0;
        this.burst = Math.max(1, burst);
        this.maxClients = maxClients;
        this.sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> forgetRefilled());
    }

    public static boolean guards(String path) {
        return path.startsWith("/api/auth/") || path.equals("/api/invitations") || path.startsWith("/api/invitations/")
                || path.equals(SIGNUP);
    }

    /** Takes one request of {@code clientAddress}'s allowance, or throws 429 {@code RATE_LIMITED} with {@code Retry-After}. */
    public void acquire(String clientAddress) {
        String key = clientAddress == null ? "unknown" : clientAddress;
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = buckets.size() >= maxClients
                    ? buckets.computeIfAbsent(OVERFLOW, k -> newBucket())
                    : buckets.computeIfAbsent(key, k -> newBucket());
        }
        TokenBucket.Take take = bucket.take();
        if (!take.allowed()) {
            throw ApiException.tooManyRequests("RATE_LIMITED", "Too many sign-in requests from your address; try again in "
                    + take.retryAfterSeconds() + " s", take.retryAfterSeconds());
        }
    }

    int tracked() {
        return buckets.size();
    }

    void forgetRefilled() {
        long now = nanoTime.getAsLong();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }

    private TokenBucket newBucket() {
        return new TokenBucket(perSecond, burst, nanoTime);
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweeper);
    }
}
