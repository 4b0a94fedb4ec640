package io.ipsc.tenant.invitation;

import java.time.Instant;

/** An open invitation as its tenant's admins see it: never its token. {@code status}: {@code pending} or {@code expired}. */
public record InvitationView(long id, String email, String role, String status, Instant expiresAt, Instant createdAt) {

    static InvitationView of(Invitation i, Instant now) {
        return new InvitationView(i.id, i.email, i.role, i.expiredAt(now) ? "expired" : "pending", i.expiresAt, i.createdAt);
    }
}
