package io.ipsc.tenancy.security;

import java.util.Locale;
import java.util.Optional;

/** A member's role in one tenant, strongest first: each role may do what the ones below it may. */
public enum Role {
    ADMIN, MANAGER, STAFF, VIEWER;

    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
