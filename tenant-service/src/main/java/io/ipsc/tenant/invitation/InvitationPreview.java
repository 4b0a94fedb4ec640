package io.ipsc.tenant.invitation;

import java.time.Instant;

/** What the holder of an invitation's token may see before accepting it: where, as whom, until when. */
public record InvitationPreview(String tenant, String tenantName, String email, String role, Instant expiresAt) {
}
