package io.ipsc.tenant.user;

import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenant.auth.AuthService;
import io.ipsc.tenant.auth.Passwords;
import io.ipsc.tenant.auth.RefreshTokens;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

@ApplicationScoped
public class UserService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}$");

    public record CreateUserRequest(String email, String password, String fullName, Boolean platformAdmin) {
    }

    public record PasswordChangeRequest(String currentPassword, String newPassword) {
    }

    /** How many sessions (refresh-token families) a change ended. */
    public record SessionsEnded(int sessionsEnded) {
    }

    private final UserRepository users;
    private final Passwords passwords;
    private final AuthService auth;
    private final RefreshTokens refreshTokens;
    private final Pool pool;

    public UserService(UserRepository users, Passwords passwords, AuthService auth, RefreshTokens refreshTokens, Pool pool) {
        this.users = users;
        this.passwords = passwords;
        this.auth = auth;
        this.refreshTokens = refreshTokens;
        this.pool = pool;
    }

    public Uni<User> create(CreateUserRequest r) {
        List<ErrorDetail> errors = problems(r);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(errors));
        }
        return passwords.hash(r.password())
                .flatMap(hash -> insert(r, hash))
                .onFailure().transform(ConstraintErrors.duplicate(() -> duplicate(r.email())));
    }

    /** What is wrong with a new account's e-mail, password and name, by field (self-service sign-up checks the same). */
    public static List<ErrorDetail> problems(CreateUserRequest r) {
        List<ErrorDetail> errors = new ArrayList<>();
        String emailProblem = emailProblem(r.email());
        if (emailProblem != null) {
            errors.add(new ErrorDetail("email", emailProblem));
        }
        String passwordProblem = Passwords.problem(r.password());
        if (passwordProblem != null) {
            errors.add(new ErrorDetail("password", passwordProblem));
        }
        if (r.fullName() != null && r.fullName().length() > 200) {
            errors.add(new ErrorDetail("full_name", "full_name must be at most 200 characters long"));
        }
        return errors;
    }

    /** Inserts a checked user with the password's hash, in the caller's transaction if there is one; 409 {@code DUPLICATE_EMAIL}. */
    @WithTransaction
    public Uni<User> insert(CreateUserRequest r, String hash) {
        return users.findByEmail(r.email()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(duplicate(r.email()));
            }
            User u = new User();
            u.email = r.email().trim().toLowerCase(Locale.ROOT);
            u.fullName = r.fullName() == null ? null : r.fullName().trim();
            u.passwordHash = hash;
            u.platformAdmin = Boolean.TRUE.equals(r.platformAdmin());
            u.active = true;
            u.createdAt = Timestamps.now();
            u.updatedAt = u.createdAt;
            return users.persist(u);
        });
    }

    @WithSession
    public Uni<Page<User>> list(PageRequest page) {
        return users.findAll(Sort.by("id")).page(page.page() - 1, page.size()).list()
                .flatMap(items -> users.count().map(total -> Page.of(items, page, total)));
    }

    @WithSession
    public Uni<User> get(long id) {
        return users.findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("User " + id));
    }

    /**
     * Checks the current password (a sign-in attempt for the lockout), stores the new one and ends
     * every session of the user, this one's refresh token included: a thief who knew the old
     * password keeps nothing but access tokens that run out within minutes.
     */
    public Uni<SessionsEnded> changePassword(long userId, PasswordChangeRequest r) {
        List<ErrorDetail> missing = new ArrayList<>();
        if (r.currentPassword() == null || r.currentPassword().isEmpty()) {
            missing.add(new ErrorDetail("current_password", "current_password is required"));
        }
        if (r.newPassword() == null || r.newPassword().isEmpty()) {
            missing.add(new ErrorDetail("new_password", "new_password is required"));
        }
        if (!missing.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(missing));
        }
        // Judged before the current password is checked, so that a rejected new password costs no attempt.
        String weakness = r.newPassword().equals(r.currentPassword())
                ? "new_password must differ from the current password" : Passwords.problem(r.newPassword());
        if (weakness != null) {
            return Uni.createFrom().failure(new ApiException(422, "WEAK_PASSWORD", weakness,
                    List.of(new ErrorDetail("new_password", weakness)), Map.of()));
        }
        return auth.confirmPassword(userId, r.currentPassword(), "/api/users/me/password")
                .flatMap(v -> passwords.hash(r.newPassword()))
                .flatMap(hash -> pool.withTransaction(c -> c.preparedQuery(
                                "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 AND active")
                        .execute(Tuple.of(userId, hash))
                        .flatMap(rows -> rows.rowCount() == 0
                                ? Uni.createFrom().<Integer>failure(AuthService.deactivated())
                                : refreshTokens.revokeAllOf(c, userId, RefreshTokens.Revocation.PASSWORD_CHANGED))))
                .map(SessionsEnded::new);
    }

    /**
     * Refuses the user's sign-ins and refreshes from now on, ending every session. Access tokens
     * already issued stay valid until they expire (at most the access-token lifetime).
     */
    public Uni<User> deactivate(long callerId, long id) {
        if (callerId == id) {
            return Uni.createFrom().failure(ApiException.conflict("CANNOT_DEACTIVATE_SELF",
                    "You cannot deactivate your own account; ask another platform administrator"));
        }
        return pool.withTransaction(c -> setActive(c, id, false)
                        .flatMap(v -> refreshTokens.revokeAllOf(c, id, RefreshTokens.Revocation.DEACTIVATED)))
                .flatMap(v -> get(id));
    }

    public Uni<User> reactivate(long id) {
        return setActive(pool, id, true).flatMap(v -> get(id));
    }

    private static Uni<Void> setActive(SqlClient client, long id, boolean active) {
        return client.preparedQuery("UPDATE users SET active = $2, updated_at = now() WHERE id = $1").execute(Tuple.of(id, active))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().failure(ApiException.notFound("User " + id)) : Uni.createFrom().voidItem());
    }

    private static ApiException duplicate(String email) {
        return ApiException.conflict("DUPLICATE_EMAIL", "A user with e-mail '" + email.trim() + "' already exists");
    }

    /** Null when {@code email} is acceptable as a user's e-mail, else why not. */
    public static String emailProblem(String email) {
        if (email == null || email.isBlank()) {
            return "email is required";
        }
        if (email.length() > 254 || !EMAIL.matcher(email.trim()).matches()) {
            return "email is not a valid e-mail address";
        }
        return null;
    }

    /** A user whose password was checked and hashed by the caller (an accepted invitation), in the caller's transaction. */
    public Uni<User> createWithHash(String email, String fullName, String passwordHash) {
        return insert(new CreateUserRequest(email, null, fullName, false), passwordHash);
    }
}
