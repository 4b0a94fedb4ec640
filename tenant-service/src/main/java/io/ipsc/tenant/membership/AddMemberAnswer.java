package io.ipsc.tenant.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ipsc.tenant.invitation.InvitationIssued;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What adding a member by e-mail or id answers: the member added ({@link MembershipService.MemberAdded})
 * or, for an e-mail without an account, the invitation created for it. Either tells the admin only
 * what they gave and what they may manage, never another person's details.
 */
@Schema(oneOf = {MembershipService.MemberAdded.class, InvitationIssued.class}, discriminatorProperty = "status",
        discriminatorMapping = {@DiscriminatorMapping(value = "member", schema = MembershipService.MemberAdded.class),
                @DiscriminatorMapping(value = "invited", schema = InvitationIssued.class)},
        description = "The member added (status member) or, for an e-mail without an account, the invitation created (status invited)")
public interface AddMemberAnswer {

    /** {@code member} or {@code invited}. */
    @JsonProperty("status")
    String status();

    /** The sentence for the envelope's message. */
    @JsonIgnore
    String describe(String slug);
}
