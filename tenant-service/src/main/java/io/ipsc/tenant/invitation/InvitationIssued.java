package io.ipsc.tenant.invitation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ipsc.tenant.membership.AddMemberAnswer;

import java.time.Instant;

/**
 * An invitation just created, with its token: shown this once (only its hash is kept), for the
 * admin to pass on, since the suite sends no mail.
 */
public record InvitationIssued(long invitationId, String email, String role, Instant expiresAt, String token, String acceptPath)
        implements AddMemberAnswer {

    @Override
    @JsonProperty("status")
    public String status() {
        return "invited";
    }

    @Override
    public String describe(String slug) {
        return "No account has the e-mail " + email + " yet: an invitation to '" + slug + "' as " + role
                + " was created; pass its token on (it is shown only this once)";
    }
}
