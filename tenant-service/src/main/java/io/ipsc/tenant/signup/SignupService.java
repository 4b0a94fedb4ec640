package io.ipsc.tenant.signup;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.TenantStatus;
import io.ipsc.tenancy.india.Gstin;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.auth.Passwords;
import io.ipsc.tenant.config.TenantServiceConfig;
import io.ipsc.tenant.membership.Membership;
import io.ipsc.tenant.membership.MembershipService;
import io.ipsc.tenant.tenant.SubscriptionPlan;
import io.ipsc.tenant.tenant.Tenant;
import io.ipsc.tenant.tenant.TenantService;
import io.ipsc.tenant.tenant.TenantValidator;
import io.ipsc.tenant.tenant.TenantView;
import io.ipsc.tenant.user.User;
import io.ipsc.tenant.user.UserRepository;
import io.ipsc.tenant.user.UserService;
import io.ipsc.tenant.user.UserView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Self-service sign-up: a visitor creates an account and a tenant on the free plan and becomes its
 * admin, in one transaction, with the same rules as an operator's tenant creation and user creation.
 * Also the checks a set-up form makes as it is typed ({@link #check}), the same that creation makes.
 */
@ApplicationScoped
public class SignupService {

    private final TenantServiceConfig.SelfService settings;
    private final TenantService tenants;
    private final MembershipService memberships;
    private final UserService users;
    private final UserRepository userRows;
    private final Passwords passwords;

    public SignupService(TenantServiceConfig config, TenantService tenants, MembershipService memberships, UserService users,
                         UserRepository userRows, Passwords passwords) {
        this.settings = config.selfService();
        this.tenants = tenants;
        this.memberships = memberships;
        this.users = users;
        this.userRows = userRows;
        this.passwords = passwords;
    }

    public SignupSettings settings() {
        return new SignupSettings(settings.signup(), maxTenantsPerAccount(), SubscriptionPlan.FREE.wireName());
    }

    /** Platform admins may always check a set-up form; anyone else only while self-service sign-up is on. */
    public void requireMayCheck(Optional<Caller> caller) {
        if (caller.map(Caller::platformAdmin).orElse(false)) {
            return;
        }
        requireEnabled();
    }

    public Uni<TenantCheck> check(SignupTenant draft) {
        TenantValidator.Result checked = tenants.checkDraft(draft.toRequest(null));
        String gstinState = draft.gstin() == null ? null
                : Gstin.check(draft.gstin()).state().map(s -> s.code() + " " + s.displayName()).orElse(null);
        boolean slugWellFormed = draft.slug() != null && !draft.slug().isBlank()
                && checked.errors().stream().noneMatch(e -> "slug".equals(e.field()));
        if (!slugWellFormed) {
            return Uni.createFrom().item(new TenantCheck(checked.errors().isEmpty(), null, gstinState, checked.errors(), checked.fieldWarnings()));
        }
        return tenants.slugTaken(draft.slug()).map(taken -> {
            List<ErrorDetail> problems = new ArrayList<>(checked.errors());
            if (taken) {
                // The same words whatever the holder's state: nothing more about another tenant leaks here.
                problems.add(new ErrorDetail("slug", "slug '" + draft.slug() + "' is taken; choose another"));
            }
            return new TenantCheck(problems.isEmpty(), !taken, gstinState, problems, checked.fieldWarnings());
        });
    }

    /**
     * Creates the tenant on the free plan with the caller (signed in) or a new account (anonymous) as
     * its admin. 403 {@code SELF_SERVICE_DISABLED} when sign-up is off, 403
     * {@code SELF_SERVICE_LIMIT_REACHED} past the tenants allowed per account.
     */
    public Uni<SignedUp> signUp(Optional<Caller> caller, SignupRequest request) {
        requireEnabled();
        List<ErrorDetail> errors = new ArrayList<>();
        if (caller.isPresent() && request.namesAnAccount()) {
            errors.add(new ErrorDetail(null, "You are signed in: send the tenant only, it is added to your account"));
        }
        if (caller.isEmpty()) {
            errors.addAll(UserService.problems(request.account()));
        }
        if (request.tenant() == null) {
            errors.add(new ErrorDetail("tenant", "tenant is required: the organisation to set up"));
        } else {
            tenants.checkCreate(request.tenant().toRequest(SubscriptionPlan.FREE)).errors()
                    .forEach(e -> errors.add(new ErrorDetail("tenant." + e.field(), e.message())));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(errors));
        }
        if (caller.isPresent()) {
            long userId = caller.get().userId();
            return tenantsHeldAsAdmin(userId).flatMap(held -> {
                if (held >= maxTenantsPerAccount()) {
                    return Uni.createFrom().failure(ApiException.forbidden("SELF_SERVICE_LIMIT_REACHED",
                            "Your account already holds " + held + " organisation(s) as admin; self-service allows "
                                    + maxTenantsPerAccount() + " per account"));
                }
                return create(request.tenant(), tenant -> memberships.add(tenant, userId, Role.ADMIN).replaceWith(userId))
                        .flatMap(tenant -> user(userId).map(u -> new SignedUp(UserView.of(u), TenantView.of(tenant))));
            });
        }
        return passwords.hash(request.password()).flatMap(hash -> {
            User[] created = new User[1];
            return create(request.tenant(), tenant -> users.insert(request.account(), hash)
                    .invoke(u -> created[0] = u)
                    .flatMap(u -> memberships.add(tenant, u.id, Role.ADMIN)))
                    .map(tenant -> new SignedUp(UserView.of(created[0]), TenantView.of(tenant)));
        });
    }

    private Uni<Tenant> create(SignupTenant tenant, java.util.function.Function<Tenant, Uni<?>> alsoInTransaction) {
        return tenants.create(tenant.toRequest(SubscriptionPlan.FREE), alsoInTransaction).map(TenantService.Outcome::value);
    }

    /** Tenants (not deleted) in which the user is an admin: what the per-account limit counts. */
    @WithSession
    Uni<Long> tenantsHeldAsAdmin(long userId) {
        return Membership.count("userId = ?1 and role = ?2 and tenantId in (select t.id from Tenant t where t.status <> ?3)",
                userId, Role.ADMIN.wireName(), TenantStatus.DELETED.wireName());
    }

    @WithSession
    Uni<User> user(long id) {
        return userRows.findById(id);
    }

    private void requireEnabled() {
        if (!settings.signup()) {
            throw ApiException.forbidden("SELF_SERVICE_DISABLED",
                    "Self-service sign-up is off on this installation; ask the operator to set up your organisation");
        }
    }

    private int maxTenantsPerAccount() {
        return Math.max(1, settings.maxTenantsPerAccount());
    }
}
