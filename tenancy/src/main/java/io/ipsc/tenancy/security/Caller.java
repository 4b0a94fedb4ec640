package io.ipsc.tenancy.security;

import java.util.Map;
import java.util.Optional;

/**
 * Who is calling, as their verified access token says: the user, whether they are a platform
 * admin, and their role in each tenant they belong to (keyed by tenant slug).
 */
public record Caller(long userId, String email, boolean platformAdmin, Map<String, Role> memberships) {

    public Caller {
        memberships = Map.copyOf(memberships);
    }

    public Optional<Role> roleIn(String tenantSlug) {
        return Optional.ofNullable(memberships.get(tenantSlug));
    }
}
