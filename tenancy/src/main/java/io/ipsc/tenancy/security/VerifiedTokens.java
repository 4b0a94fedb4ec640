package io.ipsc.tenancy.security;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Access tokens already verified, each with what it proved, until the token's own expiry: checking an
 * RS256 signature and parsing the claims cost more CPU than the rest of a small request (issue 19's
 * profile), and a client sends the same token for its whole life (15 minutes). Keyed by the whole token
 * text, so an entry is only ever found by a request that carries exactly that signed token: nothing one
 * caller proved can be served to another. Past its {@code exp} a token is verified again (which
 * then refuses it, allowing only the parser's clock skew), never answered from here.
 *
 * <p>Bounded: when {@code limit} tokens are held, the whole map is dropped and refilled by the next
 * requests (a re-verification each), which is simpler than an LRU and costs little at 15-minute tokens.
 */
public final class VerifiedTokens<T> {

    private record Entry<T>(T proof, long expiresAtMillis) {
    }

    private final int limit;
    private final LongSupplier clock;
    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();

    public VerifiedTokens(int limit) {
        this(limit, System::currentTimeMillis);
    }

    VerifiedTokens(int limit, LongSupplier clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** What {@code token} proved when it was verified, if it was and has not expired since. */
    public Optional<T> known(String token) {
        Entry<T> entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() < entry.expiresAtMillis()) {
            return Optional.of(entry.proof());
        }
        entries.remove(token, entry);
        return Optional.empty();
    }

    /**
     * Keeps what {@code token} proved until {@code expiresAtEpochSeconds} (its {@code exp} claim); a token
     * that has no expiry or has already expired is not kept.
     */
    public void remember(String token, T proof, long expiresAtEpochSeconds) {
        long expiresAtMillis = expiresAtEpochSeconds * 1000;
        if (expiresAtEpochSeconds <= 0 || expiresAtMillis <= clock.getAsLong()) {
            return;
        }
        if (entries.size() >= limit) {
            entries.clear();
        }
        entries.put(token, new Entry<>(proof, expiresAtMillis));
    }

    int size() {
        return entries.size();
    }
}
