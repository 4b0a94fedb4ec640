package io.ipsc.tenant.auth;

import io.ipsc.tenant.support.SecretTokens;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenant.config.TenantServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Refresh tokens, stored only as their SHA-256 so that a database leak yields no usable token. Each
 * sign-in starts a family; each redemption marks its token used and adds the next one to the
 * family. Redemption is one conditional update, so of parallel redemptions of one token exactly one
 * wins; presenting a token that was already used means two parties hold the chain, and the whole
 * family is revoked (RFC 9700 §4.14.2), the winner's new token included.
 */
@ApplicationScoped
public class RefreshTokens {

    /** Why a family ends; kept on the family for whoever investigates. */
    public enum Revocation {
        REUSE, LOGOUT, PASSWORD_CHANGED, DEACTIVATED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A redeemed token's user and the next token of its family. */
    public record Redeemed(long userId, String refreshToken) {
    }

    /**
     * Marks the token used only if it is unused, unexpired, its family live and its user active and
     * not locked: a locked or deactivated account cannot refresh.
     */
    private static final String REDEEM = """
            UPDATE refresh_tokens t SET used_at = $2
            FROM refresh_token_families f, users u
            WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > $2
              AND f.id = t.family_id AND f.revoked_at IS NULL
              AND u.id = t.user_id AND u.active AND (u.locked_until IS NULL OR u.locked_until <= $2)
            RETURNING t.user_id, t.family_id""";
    /** Why a redemption lost, read after the fact. */
    private static final String EXPLAIN = """
            SELECT t.used_at, t.expires_at, t.family_id, f.revoked_at, u.active, u.locked_until
            FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = $1""";

    private final Pool pool;
    private final TenantServiceConfig config;

    public RefreshTokens(Pool pool, TenantServiceConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * The first token of a new family, for a user who has just proven their password; refused when
     * the account was deactivated in the meantime.
     */
    public Uni<String> startFamily(long userId) {
        UUID family = UUID.randomUUID();
        return pool.withTransaction(c -> c.preparedQuery(
                                "INSERT INTO refresh_token_families (id, user_id, created_at) SELECT $1, id, $3 FROM users WHERE id = $2 AND active")
                        .execute(Tuple.of(family, userId, SignInAttempts.utc(Timestamps.now())))
                        .flatMap(rows -> rows.rowCount() == 0
                                ? Uni.createFrom().failure(AuthService.deactivated())
                                : addToken(c, userId, family)));
    }

    /** Exchanges a refresh token for the next one of its family, or refuses with the reason. */
    public Uni<Redeemed> redeem(String token) {
        String hash = SecretTokens.sha256(token);
        Instant now = Timestamps.now();
        return pool.withTransaction(c -> c.preparedQuery(REDEEM).execute(Tuple.of(hash, SignInAttempts.utc(now)))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().nullItem();
                            }
                            Row won = rows.iterator().next();
                            long userId = won.getLong("user_id");
                            return addToken(c, userId, won.getUUID("family_id")).map(next -> new Redeemed(userId, next));
                        }))
                .flatMap(redeemed -> redeemed != null ? Uni.createFrom().item(redeemed) : refusal(hash, now));
    }

    private Uni<Redeemed> refusal(String hash, Instant now) {
        return pool.preparedQuery(EXPLAIN).execute(Tuple.of(hash)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().failure(invalid("The refresh token is unknown; sign in again"));
            }
            Row token = rows.iterator().next();
            if (token.getOffsetDateTime("used_at") != null) {
                // Whoever presents a used token, the chain has leaked: end it for everyone.
                return revokeFamily(pool, token.getUUID("family_id"), Revocation.REUSE)
                        .flatMap(v -> Uni.createFrom().failure(new ApiException(401, "REFRESH_TOKEN_REUSED",
                                "This refresh token was already used; its session has been ended, sign in again")));
            }
            if (token.getOffsetDateTime("revoked_at") != null || !token.getOffsetDateTime("expires_at").toInstant().isAfter(now)) {
                return Uni.createFrom().failure(invalid("The refresh token is revoked or expired; sign in again"));
            }
            if (!token.getBoolean("active")) {
                return Uni.createFrom().failure(AuthService.deactivated());
            }
            // Left: the account is locked, or its lock ended between the update and this read (then a retry works).
            OffsetDateTime lockedUntil = token.getOffsetDateTime("locked_until");
            return Uni.createFrom().failure(AuthService.locked(lockedUntil == null ? now : lockedUntil.toInstant(), now));
        });
    }

    /**
     * Ends the session the token belongs to, whatever token of the family it is. Says nothing about
     * whether the token existed.
     */
    public Uni<Void> revokeFamilyOf(String token, Revocation why) {
        return pool.preparedQuery("UPDATE refresh_token_families f SET revoked_at = $2, revoked_reason = $3 FROM refresh_tokens t "
                        + "WHERE t.token_hash = $1 AND f.id = t.family_id AND f.revoked_at IS NULL")
                .execute(Tuple.of(SecretTokens.sha256(token), SignInAttempts.utc(Timestamps.now()), why.wireName())).replaceWithVoid();
    }

    /** Ends every session of the user; {@code client} is the caller's transaction. Returns how many were live. */
    public Uni<Integer> revokeAllOf(SqlClient client, long userId, Revocation why) {
        return client.preparedQuery("UPDATE refresh_token_families SET revoked_at = $2, revoked_reason = $3 "
                        + "WHERE user_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(userId, SignInAttempts.utc(Timestamps.now()), why.wireName())).map(rows -> rows.rowCount());
    }

    private static Uni<Void> revokeFamily(SqlClient client, UUID family, Revocation why) {
        return client.preparedQuery("UPDATE refresh_token_families SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(family, SignInAttempts.utc(Timestamps.now()), why.wireName())).replaceWithVoid();
    }

    private Uni<String> addToken(SqlClient client, long userId, UUID family) {
        String token = SecretTokens.newToken();
        Instant now = Timestamps.now();
        return client.preparedQuery("INSERT INTO refresh_tokens (token_hash, user_id, family_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(SecretTokens.sha256(token), userId, family, SignInAttempts.utc(now),
                        SignInAttempts.utc(now.plus(Duration.ofDays(config.jwt().refreshTokenDays())))))
                .replaceWith(token);
    }

    private static ApiException invalid(String message) {
        return new ApiException(401, "INVALID_REFRESH_TOKEN", message);
    }

}
