package io.ipsc.tenant.membership;

import java.time.Instant;

/** A member of a tenant: who, with which role, since when. */
public record MembershipView(long userId, String email, String fullName, String role, Instant createdAt, Instant updatedAt) {
}
