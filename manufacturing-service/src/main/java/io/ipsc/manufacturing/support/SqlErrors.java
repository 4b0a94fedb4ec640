package io.ipsc.manufacturing.support;

import io.ipsc.tenancy.error.ApiException;
import io.vertx.pgclient.PgException;

import java.util.function.Function;

/**
 * Turns the constraint violations that concurrent writers can still hit after our checks (unique
 * names, rows still referenced) into the 409 the caller should see, instead of a 500.
 */
public final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlErrors() {
    }

    /** Maps a unique violation to 409 {@code DUPLICATE}; other failures pass through. */
    public static Function<Throwable, Throwable> duplicates(String duplicateMessage) {
        return conflicts(duplicateMessage, null);
    }

    /** Maps a unique violation to 409 {@code DUPLICATE} and, when a message is given, a foreign-key violation to 409 {@code IN_USE}. */
    public static Function<Throwable, Throwable> conflicts(String duplicateMessage, String referencedMessage) {
        return failure -> {
            if (failure instanceof PgException pg) {
                if (UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                    return ApiException.conflict("DUPLICATE", duplicateMessage);
                }
                if (referencedMessage != null && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())) {
                    return ApiException.conflict("IN_USE", referencedMessage);
                }
            }
            return failure;
        };
    }
}
