package io.ipsc.tenant.user;

import java.time.Instant;

/** A user as the API shows it: never the password hash. */
public record UserView(long id, String email, String fullName, boolean platformAdmin, boolean active, Instant createdAt) {

    public static UserView of(User u) {
        return new UserView(u.id, u.email, u.fullName, u.platformAdmin, u.active, u.createdAt);
    }
}
