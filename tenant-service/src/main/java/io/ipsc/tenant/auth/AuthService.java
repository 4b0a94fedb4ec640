package io.ipsc.tenant.auth;

import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.SecurityEvent;
import io.ipsc.tenancy.security.SecurityEventRecorder;
import io.ipsc.tenant.config.TenantServiceConfig;
import io.ipsc.tenant.user.User;
import io.ipsc.tenant.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sign-in and token refresh. Five wrong passwords in a row lock the account for fifteen minutes,
 * which slows guessing without letting anyone lock a user out for long.
 */
@ApplicationScoped
public class AuthService {

    static final int MAX_FAILED_LOGINS = 5;
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final Passwords passwords;
    private final TokenIssuer issuer;
    private final TenantServiceConfig config;
    private final SecurityEventRecorder security;

    public AuthService(UserRepository users, Passwords passwords, TokenIssuer issuer, TenantServiceConfig config,
                       SecurityEventRecorder security) {
        this.users = users;
        this.passwords = passwords;
        this.issuer = issuer;
        this.config = config;
        this.security = security;
    }

    public record Tokens(String accessToken, String refreshToken, String tokenType, int expiresIn, Map<String, Object> user) {
    }

    public Uni<Tokens> login(String email, String password) {
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(List.of(
                    new io.ipsc.tenancy.api.ApiResponse.ErrorDetail(email == null || email.isBlank() ? "email" : "password",
                            "email and password are required"))));
        }
        return Panache.withSession(() -> users.findByEmail(email)).flatMap(user -> {
            Instant now = Timestamps.now();
            if (user != null && user.lockedUntil != null && user.lockedUntil.isAfter(now)) {
                long seconds = Math.max(1, Duration.between(now, user.lockedUntil).toSeconds());
                return reportFailedLogin(user, "account locked").flatMap(v -> Uni.createFrom().failure(ApiException.tooManyRequests("ACCOUNT_LOCKED",
                        "Too many failed sign-ins; try again in " + (seconds + 59) / 60 + " minute(s)", seconds)));
            }
            return passwords.matches(password, user == null ? null : user.passwordHash).flatMap(ok -> {
                if (user == null || !user.active) {
                    return Uni.createFrom().failure(invalidCredentials());
                }
                if (!ok) {
                    // Counted in its own transaction, so that the 401 below does not roll the count back.
                    return Panache.withTransaction(() -> users.recordFailedLogin(user.id, MAX_FAILED_LOGINS, now.plus(LOCK_DURATION)))
                            .flatMap(v -> reportFailedLogin(user, "wrong password"))
                            .flatMap(v -> Uni.createFrom().failure(invalidCredentials()));
                }
                return Panache.withTransaction(() -> users.findById(user.id).flatMap(fresh -> {
                    fresh.failedLogins = 0;
                    fresh.lockedUntil = null;
                    return issue(fresh);
                }));
            });
        });
    }

    /**
     * A failed sign-in concerns every tenant the user belongs to: their admins see it in the
     * tenant's security figures. Unknown e-mails belong to no tenant and are only refused.
     */
    private Uni<Void> reportFailedLogin(User user, String why) {
        return Panache.withSession(() -> users.membershipsOf(user.id)).invoke(memberships -> memberships.keySet()
                        .forEach(slug -> security.record(SecurityEvent.Kind.FAILED_LOGIN, slug, user.email, "POST", "/api/auth/login", why)))
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Tokens> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Uni.createFrom().failure(ApiException.badRequest("VALIDATION_ERROR", "refresh_token", "refresh_token is required"));
        }
        return RefreshToken.<RefreshToken>findById(sha256(refreshToken)).flatMap(stored -> {
            Instant now = Timestamps.now();
            if (stored == null || stored.revokedAt != null || stored.expiresAt.isBefore(now)) {
                return Uni.createFrom().failure(new ApiException(401, "INVALID_REFRESH_TOKEN",
                        "The refresh token is unknown, used or expired; sign in again"));
            }
            // Rotation: each refresh token works once.
            stored.revokedAt = now;
            return users.findById(stored.userId).flatMap(user -> {
                if (user == null || !user.active) {
                    return Uni.createFrom().failure(new ApiException(401, "INVALID_REFRESH_TOKEN", "The account is no longer active"));
                }
                return issue(user);
            });
        });
    }

    private Uni<Tokens> issue(User user) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        RefreshToken stored = new RefreshToken();
        stored.tokenHash = sha256(refresh);
        stored.userId = user.id;
        stored.createdAt = Timestamps.now();
        stored.expiresAt = stored.createdAt.plus(Duration.ofDays(config.jwt().refreshTokenDays()));
        return stored.persist().flatMap(ignored -> users.membershipsOf(user.id)).map(memberships -> {
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("id", user.id);
            who.put("email", user.email);
            who.put("full_name", user.fullName);
            who.put("platform_admin", user.platformAdmin);
            who.put("tenants", memberships);
            return new Tokens(issuer.accessToken(user, memberships), refresh, "Bearer", issuer.accessTokenSeconds(), who);
        });
    }

    static ApiException invalidCredentials() {
        return new ApiException(401, "INVALID_CREDENTIALS", "Wrong e-mail or password");
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
