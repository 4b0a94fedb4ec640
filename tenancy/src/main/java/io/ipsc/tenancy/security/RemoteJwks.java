package io.ipsc.tenancy.security;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * tenant-service's public keys, fetched from its JWKS and kept in memory: answering never blocks.
 * Refreshed every few minutes, and at once (at most every few seconds) when a token names a key id
 * we do not know — which is how a key rotation reaches us. Used by every service except
 * tenant-service, which verifies with its own keys.
 *
 * <p>One refresh chain at a time: a refresh that fails retries itself every {@code retryDelay} until
 * it succeeds, and a tick or an unknown key id meanwhile joins that chain instead of starting another
 * (an outage of tenant-service used to add one retry loop per tick). The outage is logged once.
 */
@DefaultBean
@Singleton
public class RemoteJwks implements VerificationKeys {

    private static final Logger LOG = Logger.getLogger(RemoteJwks.class);
    private static final long MIN_REFRESH_GAP_MS = 5_000;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final URI jwksUri;
    private final Duration retryDelay;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledThreadPoolExecutor refresher = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "jwks-refresh");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong lastRequest = new AtomicLong();
    /** True from the start of a refresh until one attempt of it succeeds (or the executor refuses the retry). */
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean failing;
    private volatile Map<String, PublicKey> keys = Map.of();

    @Inject
    public RemoteJwks(@ConfigProperty(name = "ipsc.jwt.jwks-url", defaultValue = "http://127.0.0.1:8081/.well-known/jwks.json") String jwksUrl) {
        this(jwksUrl, RETRY_DELAY);
    }

    RemoteJwks(String jwksUrl, Duration retryDelay) {
        this.jwksUri = URI.create(jwksUrl);
        this.retryDelay = retryDelay;
    }

    void start(@Observes StartupEvent event) {
        refresher.scheduleWithFixedDelay(this::refresh, 0, 5, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    @Override
    public Optional<PublicKey> find(String keyId) {
        PublicKey key = keys.get(keyId);
        if (key == null) {
            requestRefresh();
        }
        return Optional.ofNullable(key);
    }

    @Override
    public boolean loaded() {
        return !keys.isEmpty();
    }

    private void requestRefresh() {
        long now = System.currentTimeMillis();
        long last = lastRequest.get();
        if (now - last >= MIN_REFRESH_GAP_MS && lastRequest.compareAndSet(last, now)) {
            refresh();
        }
    }

    /** Starts a refresh unless one is under way, running or waiting to retry. Never blocks. */
    public void refresh() {
        if (refreshing.compareAndSet(false, true)) {
            try {
                refresher.execute(this::attempt);
            } catch (RejectedExecutionException e) {
                refreshing.set(false);
            }
        }
    }

    private void attempt() {
        attempts.incrementAndGet();
        try {
            keys = parse(fetch());
            if (failing) {
                LOG.infof("Token keys loaded from %s again", jwksUri);
            }
            failing = false;
            refreshing.set(false);
        } catch (Exception e) {
            if (!failing) {
                LOG.warnf("Cannot load the token keys from %s (%s); retrying every %d ms until it answers",
                        jwksUri, e.getMessage(), retryDelay.toMillis());
            }
            failing = true;
            try {
                refresher.schedule(this::attempt, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                refreshing.set(false);
            }
        }
    }

    private String fetch() throws IOException, InterruptedException {
        if ("file".equals(jwksUri.getScheme())) {
            return Files.readString(Path.of(jwksUri));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static Map<String, PublicKey> parse(String json) throws JoseException {
        Map<String, PublicKey> parsed = new HashMap<>();
        for (JsonWebKey key : new JsonWebKeySet(json).getJsonWebKeys()) {
            if (key.getKeyId() != null && key.getKey() instanceof PublicKey publicKey) {
                parsed.put(key.getKeyId(), publicKey);
            }
        }
        return Map.copyOf(parsed);
    }

    /** Fetches made so far. */
    int attempts() {
        return attempts.get();
    }

    /** Retries waiting for their time: at most one while tenant-service is away. */
    int waitingRetries() {
        return (int) refresher.getQueue().stream().filter(task -> task instanceof RunnableScheduledFuture<?> f && !f.isPeriodic()).count();
    }

    /** Completes once everything handed to the refresher before it has run (a marker, for tests). */
    CompletableFuture<Void> marker() {
        return CompletableFuture.runAsync(() -> { }, refresher);
    }

    public void close() {
        refresher.shutdownNow();
    }
}
