package io.ipsc.tenancy.security;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the keys that verify access tokens can be held, asked of the same key source smallrye-jwt's
 * parser uses (its {@link JWTAuthContextInfo}: tenant-service's JWKS, or tenant-service's own key).
 * A key given in the settings is held at once; a JWKS location is fetched on a worker thread, once,
 * retried with back-off through ONE chain until it answers with at least one key. After that the
 * parser keeps the keys fresh (its refresh interval, and at once for a key id it does not know), so
 * a later outage of tenant-service does not take every service out of rotation.
 */
@Singleton
public class TokenKeysProbe {

    private static final Logger LOG = Logger.getLogger(TokenKeysProbe.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final JWTAuthContextInfo keySource;
    private final Duration firstRetry;
    private final Duration longestRetry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean held;
    private volatile boolean failing;
    private volatile Cancellable chain;

    @Inject
    public TokenKeysProbe(JWTAuthContextInfo keySource) {
        this(keySource, FIRST_RETRY, LONGEST_RETRY);
    }

    public TokenKeysProbe(JWTAuthContextInfo keySource, Duration firstRetry, Duration longestRetry) {
        this.keySource = keySource;
        this.firstRetry = firstRetry;
        this.longestRetry = longestRetry;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    /** Starts the one chain of fetches; later calls join it. Never blocks. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        if (keySource.getPublicVerificationKey() != null || keySource.getSecretVerificationKey() != null) {
            held = true;
            return;
        }
        chain = Uni.createFrom().item(this::fetchKeys)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(this::noteFailure)
                .onFailure().retry().withBackOff(firstRetry, longestRetry).indefinitely()
                .subscribe().with(keys -> {
                    if (failing) {
                        LOG.infof("Token keys readable from %s again", keySource.getPublicKeyLocation());
                    }
                    held = true;
                }, failure -> LOG.errorf(failure, "Gave up reading the token keys"));
    }

    /** True once the keys can be held: until then no token can be verified, and the service is not ready. */
    public boolean held() {
        return held;
    }

    /** Fetches made so far. */
    public int attempts() {
        return attempts.get();
    }

    public void close() {
        Cancellable running = chain;
        if (running != null) {
            running.cancel();
        }
    }

    private List<JsonWebKey> fetchKeys() {
        attempts.incrementAndGet();
        String location = keySource.getPublicKeyLocation();
        try {
            String content = keySource.getPublicKeyContent() != null ? keySource.getPublicKeyContent() : read(location);
            List<JsonWebKey> keys = KeyUtils.loadJsonWebKeys(content);
            if (keys == null || keys.isEmpty()) {
                throw new IllegalStateException("no keys in " + location);
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Over HTTP with timeouts (smallrye's own reader has none); any other location as smallrye-jwt reads it. */
    private String read(String location) throws IOException, InterruptedException {
        if (location == null) {
            throw new IOException("no key location is configured");
        }
        if (!location.startsWith("http:") && !location.startsWith("https:")) {
            String content = ResourceUtils.readResource(location);
            if (content == null) {
                throw new IOException("nothing at " + location);
            }
            return content;
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(location)).timeout(FETCH_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    private void noteFailure(Throwable failure) {
        if (!failing) {
            LOG.warnf("Cannot read the token keys from %s (%s); retrying with back-off until it answers",
                    keySource.getPublicKeyLocation(), failure.getMessage());
        }
        failing = true;
    }
}
