package io.ipsc.tenant.auth;

import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.SecurityEvent;
import io.ipsc.tenancy.security.SecurityEventRecorder;
import io.ipsc.tenant.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sign-in, token refresh and sign-out, and the password check that a password change shares with
 * sign-in. Every password check first takes its place in the lockout ({@link SignInAttempts}); an
 * unknown e-mail and a wrong password get the same answer after the same bcrypt work, so neither
 * the answer nor its timing tells which e-mails exist. Only the right password learns that an
 * account is deactivated.
 */
@ApplicationScoped
public class AuthService {

    private final UserRepository users;
    private final Passwords passwords;
    private final TokenIssuer issuer;
    private final SignInAttempts attempts;
    private final RefreshTokens refreshTokens;
    private final SecurityEventRecorder security;

    public AuthService(UserRepository users, Passwords passwords, TokenIssuer issuer, SignInAttempts attempts,
                       RefreshTokens refreshTokens, SecurityEventRecorder security) {
        this.users = users;
        this.passwords = passwords;
        this.issuer = issuer;
        this.attempts = attempts;
        this.refreshTokens = refreshTokens;
        this.security = security;
    }

    public record Tokens(String accessToken, String refreshToken, String tokenType, int expiresIn, Map<String, Object> user) {
    }

    public Uni<Tokens> login(String email, String password) {
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(List.of(
                    new ErrorDetail(email == null || email.isBlank() ? "email" : "password", "email and password are required"))));
        }
        return attempts.reserve(email)
                .flatMap(attempt -> check(attempt, password, "/api/auth/login", AuthService::invalidCredentials))
                .flatMap(user -> refreshTokens.startFamily(user.userId()).flatMap(refresh -> tokens(user.userId(), refresh)));
    }

    /**
     * The signed-in user's own password, before they change it: counted like a sign-in, so that a
     * stolen access token does not open a way around the lockout.
     */
    public Uni<Void> confirmPassword(long userId, String password, String route) {
        return attempts.reserve(userId)
                .flatMap(attempt -> check(attempt, password, route, () -> ApiException.forbidden("INVALID_CURRENT_PASSWORD",
                        "The current password is wrong")))
                .replaceWithVoid();
    }

    public Uni<Tokens> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Uni.createFrom().failure(ApiException.badRequest("VALIDATION_ERROR", "refresh_token", "refresh_token is required"));
        }
        return refreshTokens.redeem(refreshToken).flatMap(redeemed -> tokens(redeemed.userId(), redeemed.refreshToken()));
    }

    /** Ends the session of the presented refresh token; answers the same whether or not it existed. */
    public Uni<Void> logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Uni.createFrom().failure(ApiException.badRequest("VALIDATION_ERROR", "refresh_token", "refresh_token is required"));
        }
        return refreshTokens.revokeFamilyOf(refreshToken, RefreshTokens.Revocation.LOGOUT);
    }

    /**
     * The password check proper, on an attempt already counted: refused while locked (without a
     * comparison), compared against the decoy hash when the account does not exist, and on success
     * the failures are cleared.
     */
    private Uni<SignInAttempts.Attempt> check(Optional<SignInAttempts.Attempt> counted, String password, String route,
                                              Supplier<ApiException> wrongPassword) {
        SignInAttempts.Attempt attempt = counted.orElse(null);
        if (attempt != null && attempt.refused()) {
            return reportFailedLogin(attempt, route, "account locked")
                    .flatMap(v -> Uni.createFrom().failure(locked(attempt.lockedUntil(), Timestamps.now())));
        }
        return passwords.matches(password, attempt == null ? null : attempt.passwordHash()).flatMap(ok -> {
            if (attempt == null) {
                return Uni.createFrom().failure(wrongPassword.get());
            }
            if (!ok) {
                return reportFailedLogin(attempt, route, "wrong password").flatMap(v -> Uni.createFrom().failure(wrongPassword.get()));
            }
            if (!attempt.active()) {
                return Uni.createFrom().failure(deactivated());
            }
            return attempts.clearAfter(attempt).replaceWith(attempt);
        });
    }

    /**
     * A failed sign-in concerns every tenant the user belongs to: their admins see it in the
     * tenant's security figures. Unknown e-mails belong to no tenant and are only refused.
     */
    private Uni<Void> reportFailedLogin(SignInAttempts.Attempt attempt, String route, String why) {
        return Panache.withSession(() -> users.membershipsOf(attempt.userId())).invoke(memberships -> memberships.keySet()
                        .forEach(slug -> security.record(SecurityEvent.Kind.FAILED_LOGIN, slug, attempt.email(), "POST", route, why)))
                .replaceWithVoid();
    }

    private Uni<Tokens> tokens(long userId, String refreshToken) {
        return Panache.withSession(() -> users.findById(userId).flatMap(user -> users.membershipsOf(userId).map(memberships -> {
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("id", user.id);
            who.put("email", user.email);
            who.put("full_name", user.fullName);
            who.put("platform_admin", user.platformAdmin);
            who.put("tenants", memberships);
            return new Tokens(issuer.accessToken(user, memberships), refreshToken, "Bearer", issuer.accessTokenSeconds(), who);
        })));
    }

    static ApiException invalidCredentials() {
        return new ApiException(401, "INVALID_CREDENTIALS", "Wrong e-mail or password");
    }

    public static ApiException deactivated() {
        return ApiException.forbidden("ACCOUNT_DEACTIVATED", "This account has been deactivated; ask a platform administrator");
    }

    static ApiException locked(Instant lockedUntil, Instant now) {
        long seconds = Math.max(1, Duration.between(now, lockedUntil).toSeconds());
        return ApiException.tooManyRequests("ACCOUNT_LOCKED",
                "Too many failed sign-ins; try again in " + (seconds + 59) / 60 + " minute(s)", seconds);
    }
}
