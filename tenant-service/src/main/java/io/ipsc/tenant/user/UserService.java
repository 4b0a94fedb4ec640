package io.ipsc.tenant.user;

import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenant.auth.Passwords;
import io.ipsc.tenant.support.Failures;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

@ApplicationScoped
public class UserService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}$");

    public record CreateUserRequest(String email, String password, String fullName, Boolean platformAdmin) {
    }

    private final UserRepository users;
    private final Passwords passwords;

    public UserService(UserRepository users, Passwords passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    public Uni<User> create(CreateUserRequest r) {
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
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(errors));
        }
        return passwords.hash(r.password())
                .flatMap(hash -> insert(r, hash))
                .onFailure(Failures::isUniqueViolation).transform(e -> duplicate(r.email()));
    }

    @WithTransaction
    Uni<User> insert(CreateUserRequest r, String hash) {
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
