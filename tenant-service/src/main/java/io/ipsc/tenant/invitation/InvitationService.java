package io.ipsc.tenant.invitation;

import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.TenantStatus;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.auth.AuthService;
import io.ipsc.tenant.auth.Passwords;
import io.ipsc.tenant.membership.AddMemberAnswer;
import io.ipsc.tenant.membership.Membership;
import io.ipsc.tenant.membership.MembershipService;
import io.ipsc.tenant.support.SecretTokens;
import io.ipsc.tenant.tenant.Tenant;
import io.ipsc.tenant.tenant.TenantAccess;
import io.ipsc.tenant.user.UserRepository;
import io.ipsc.tenant.user.UserService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Adding members by e-mail. An e-mail with an account becomes a member at once; one without gets
 * an invitation: a single-use token, kept only as its hash, that expires, and that its holder
 * accepts by choosing a name and a password — which creates the account and the membership in one
 * transaction, exactly once however many accept at the same time.
 */
@ApplicationScoped
public class InvitationService {

    private static final Logger LOG = Logger.getLogger(InvitationService.class);
    private static final String OPEN = "acceptedAt is null and revokedAt is null";

    public record AcceptRequest(String name, String password) {
    }

    /** The membership an accepted invitation created, and the new member's tokens (as sign-in answers them). */
    public record InvitationAccepted(String tenant, long userId, String email, String role, AuthService.Tokens tokens) {

        InvitationAccepted withTokens(AuthService.Tokens signedIn) {
            return new InvitationAccepted(tenant, userId, email, role, signedIn);
        }
    }

    private final MembershipService members;
    private final UserRepository users;
    private final UserService userService;
    private final Passwords passwords;
    private final AuthService auth;
    private final InvitationConfig config;

    public InvitationService(MembershipService members, UserRepository users, UserService userService, Passwords passwords,
                             AuthService auth, InvitationConfig config) {
        this.members = members;
        this.users = users;
        this.userService = userService;
        this.passwords = passwords;
        this.auth = auth;
        this.config = config;
    }

    /**
     * The answer names only what the admin gave (the e-mail) and what they may now manage (the
     * member's id and role): nothing else about a person they could not already list.
     */
    @WithTransaction
    public Uni<AddMemberAnswer> addOrInvite(Tenant tenant, String email, String roleName, long invitedBy) {
        String problem = UserService.emailProblem(email);
        if (problem != null) {
            return Uni.createFrom().failure(ApiException.badRequest("VALIDATION_ERROR", "email", problem));
        }
        Role role = MembershipService.parseRole(roleName);
        String given = email.trim();
        return users.findByEmail(given).flatMap(user -> user != null
                ? members.add(tenant, user.id, role).map(m -> new MembershipService.MemberAdded(m.userId, given, m.role, m.createdAt))
                : invite(tenant, given, role, invitedBy));
    }

    private Uni<AddMemberAnswer> invite(Tenant tenant, String email, Role role, long invitedBy) {
        Instant now = Timestamps.now();
        // The token is shown once: inviting the same e-mail again is how an admin who lost it gets a new one.
        return Invitation.update("revokedAt = ?1 where tenantId = ?2 and lower(email) = ?3 and " + OPEN,
                        now, tenant.id, email.toLowerCase(Locale.ROOT))
                .flatMap(revoked -> Membership.count("tenantId", tenant.id))
                // An open invitation holds a seat of the plan, so that the plan's limit means what it says.
                .flatMap(memberCount -> Invitation.count("tenantId = ?1 and expiresAt > ?2 and " + OPEN, tenant.id, now)
                        .map(openCount -> memberCount + openCount))
                .flatMap(seatsTaken -> {
                    if (tenant.maxUsers != null && seatsTaken >= tenant.maxUsers) {
                        return Uni.createFrom().failure(MembershipService.quotaExceeded(tenant));
                    }
                    String token = SecretTokens.newToken();
                    Invitation invitation = new Invitation();
                    invitation.tenantId = tenant.id;
                    invitation.email = email.toLowerCase(Locale.ROOT);
                    invitation.role = role.wireName();
                    invitation.tokenHash = SecretTokens.sha256(token);
                    invitation.invitedBy = invitedBy;
                    invitation.createdAt = now;
                    invitation.expiresAt = now.plus(Duration.ofDays(config.validDays()));
                    return invitation.<Invitation>persist().map(saved -> (AddMemberAnswer) new InvitationIssued(saved.id, email,
                            saved.role, saved.expiresAt, token, "/api/invitations/" + token + "/accept"));
                })
                .onFailure().transform(ConstraintErrors.duplicate("ALREADY_INVITED",
                        "An invitation for " + email + " to '" + tenant.slug + "' was created at the same moment; see the tenant's invitations"));
    }

    /** Where, as whom and until when; 404 for a token that is unknown, used, revoked or expired alike. */
    public Uni<InvitationPreview> preview(String token) {
        Instant now = Timestamps.now();
        return Panache.withSession(() -> findByToken(token).flatMap(invitation -> {
            if (invitation == null || refusal(invitation, now) != null) {
                return Uni.createFrom().failure(notFound());
            }
            return Tenant.<Tenant>findById(invitation.tenantId).map(tenant -> {
                if (TenantStatus.DELETED.wireName().equals(tenant.status)) {
                    throw notFound();
                }
                return new InvitationPreview(tenant.slug, tenant.name, invitation.email, invitation.role, invitation.expiresAt);
            });
        }));
    }

    /**
     * Creates the account and the membership and marks the invitation used, in one transaction
     * whose first step is a conditional update: of concurrent accepts exactly one matches the open
     * invitation, the others find it used (409). Then signs the new member in.
     */
    public Uni<InvitationAccepted> accept(String token, AcceptRequest request) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            errors.add(new ErrorDetail("name", "name is required"));
        } else if (request.name().length() > 200) {
            errors.add(new ErrorDetail("name", "name must be at most 200 characters long"));
        }
        String passwordProblem = Passwords.problem(request.password());
        if (passwordProblem != null) {
            errors.add(new ErrorDetail("password", passwordProblem));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(errors));
        }
        // Checked before hashing, so that made-up tokens cost no bcrypt; decided again by the update below.
        return Panache.withSession(() -> findByToken(token)).invoke(invitation -> {
                    if (invitation == null) {
                        throw notFound();
                    }
                    ApiException refusal = refusal(invitation, Timestamps.now());
                    if (refusal != null) {
                        throw refusal;
                    }
                })
                .flatMap(invitation -> passwords.hash(request.password()))
                .flatMap(passwordHash -> Panache.withTransaction(() -> claim(SecretTokens.sha256(token), request.name().trim(), passwordHash)))
                // Only an account created for the same e-mail at this very moment, by a platform admin, gets here.
                .onFailure().transform(ConstraintErrors.duplicate("DUPLICATE_EMAIL",
                        "An account with this e-mail was created meanwhile; sign in with it and ask the tenant's admin to add you"))
                .flatMap(accepted -> auth.login(accepted.email(), request.password()).map(accepted::withTokens)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("User %d accepted an invitation but could not be signed in: %s", accepted.userId(), e.getMessage());
                            return accepted;
                        }));
    }

    private Uni<InvitationAccepted> claim(String tokenHash, String name, String passwordHash) {
        Instant now = Timestamps.now();
        return Invitation.update("acceptedAt = ?1 where tokenHash = ?2 and expiresAt > ?1 and " + OPEN, now, tokenHash)
                .flatMap(claimed -> Invitation.<Invitation>find("tokenHash", tokenHash).firstResult().map(invitation -> {
                    if (claimed == 0) {
                        throw invitation == null ? notFound() : refusal(invitation, now);
                    }
                    return invitation;
                }))
                .flatMap(invitation -> Panache.getSession()
                        .flatMap(s -> s.find(Tenant.class, invitation.tenantId, LockModeType.PESSIMISTIC_WRITE))
                        .flatMap(tenant -> {
                            if (TenantStatus.DELETED.wireName().equals(tenant.status)) {
                                return Uni.createFrom().failure(notFound());
                            }
                            if (TenantStatus.SUSPENDED.wireName().equals(tenant.status)) {
                                return Uni.createFrom().failure(TenantAccess.suspended(tenant.slug));
                            }
                            Role role = Role.parse(invitation.role).orElseThrow();
                            return userService.createWithHash(invitation.email, name, passwordHash)
                                    .flatMap(user -> members.add(tenant, user.id, role).map(m -> {
                                        invitation.acceptedUserId = user.id;
                                        return new InvitationAccepted(tenant.slug, user.id, user.email, m.role, null);
                                    }));
                        }));
    }

    /** The tenant's invitations not yet accepted or revoked, expired ones included (marked so), oldest first. */
    public Uni<Page<InvitationView>> listOpen(Tenant tenant, PageRequest page) {
        Instant now = Timestamps.now();
        return Invitation.<Invitation>find("tenantId = ?1 and " + OPEN, Sort.by("id"), tenant.id)
                .page(page.page() - 1, page.size()).list()
                .flatMap(items -> Invitation.count("tenantId = ?1 and " + OPEN, tenant.id)
                        .map(total -> Page.of(items.stream().map(i -> InvitationView.of(i, now)).toList(), page, total)));
    }

    @WithTransaction
    public Uni<Void> revoke(Tenant tenant, long invitationId) {
        return Invitation.update("revokedAt = ?1 where id = ?2 and tenantId = ?3 and " + OPEN, Timestamps.now(), invitationId, tenant.id)
                .flatMap(revoked -> revoked == 0
                        ? Uni.createFrom().failure(new ApiException(404, "INVITATION_NOT_FOUND",
                        "Tenant '" + tenant.slug + "' has no open invitation " + invitationId))
                        : Uni.createFrom().voidItem());
    }

    private static Uni<Invitation> findByToken(String token) {
        if (!SecretTokens.wellFormed(token)) {
            return Uni.createFrom().nullItem();
        }
        return Invitation.find("tokenHash", SecretTokens.sha256(token)).firstResult();
    }

    /** Why the invitation cannot be accepted now, or null when it can. */
    private static ApiException refusal(Invitation invitation, Instant now) {
        if (invitation.acceptedAt != null) {
            return ApiException.conflict("INVITATION_ALREADY_USED", "This invitation has been accepted already; sign in instead");
        }
        if (invitation.revokedAt != null) {
            return new ApiException(410, "INVITATION_REVOKED", "This invitation was withdrawn; ask the tenant's admin for a new one");
        }
        if (invitation.expiredAt(now)) {
            return new ApiException(410, "INVITATION_EXPIRED", "This invitation expired on " + invitation.expiresAt
                    + "; ask the tenant's admin for a new one");
        }
        return null;
    }

    private static ApiException notFound() {
        return new ApiException(404, "INVITATION_NOT_FOUND", "No open invitation has this token (unknown, used, withdrawn or expired)");
    }
}
