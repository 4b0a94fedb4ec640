package io.ipsc.tenancy.security;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * tenant-service's public keys, fetched from its JWKS and kept in memory: answering never blocks.
 * Refreshed every few minutes, and at once (at most every few seconds) when a token names a key id
 * we do not know — which is how a key rotation reaches us. Used by every service except
 * tenant-service, which verifies with its own keys.
 */
@DefaultBean
@Singleton
public class RemoteJwks implements VerificationKeys {

    private static final Logger LOG = Logger.getLogger(RemoteJwks.class);
    private static final long MIN_REFRESH_GAP_MS = 5_000;

    private final URI jwksUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jwks-refresh");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong lastAttempt = new AtomicLong();
    private volatile Map<String, PublicKey> keys = Map.of();

    public RemoteJwks(@ConfigProperty(name = "ipsc.jwt.jwks-url", defaultValue = "http://127.0.0.1:8081/.well-known/jwks.json") String jwksUrl) {
        this.jwksUri = URI.create(jwksUrl);
    }

    void start(@Observes StartupEvent event) {
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, 5, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
    }

    @Override
    public Optional<PublicKey> find(String keyId) {
        PublicKey key = keys.get(keyId);
        if (key == null) {
            requestRefresh();
        }
        return Optional.ofNullable(key);
    }

    /** True once keys have been loaded: until then no token can be verified. */
    public boolean loaded() {
        return !keys.isEmpty();
    }

    private void requestRefresh() {
        long now = System.currentTimeMillis();
        long last = lastAttempt.get();
        if (now - last >= MIN_REFRESH_GAP_MS && lastAttempt.compareAndSet(last, now)) {
            refresher.execute(this::refreshQuietly);
        }
    }

    private void refreshQuietly() {
        lastAttempt.set(System.currentTimeMillis());
        try {
            keys = parse(fetch());
        } catch (Exception e) {
            LOG.warnf("Cannot load the token keys from %s yet (%s); retrying shortly", jwksUri, e.getMessage());
            refresher.schedule(this::refreshQuietly, 2, TimeUnit.SECONDS);
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

    /** Loads the keys now; for startup paths that may wait. */
    public CompletableFuture<Void> refreshNow() {
        return CompletableFuture.runAsync(this::refreshQuietly, refresher);
    }
}
