package io.ipsc.tenancy.event;

import java.time.Instant;

/**
 * The value of every record on {@link Topics#SECURITY}: something refused or suspicious that
 * concerns one tenant. Repeats of the same refusal (same kind, caller and route) within one flush
 * travel as one event with {@code occurrences} > 1, so a flood stays a handful of records.
 *
 * @param id unique per event, so a redelivered record is stored once
 * @param caller the user's email or id, or {@code anonymous}; never a token or a password
 * @param route method and path as called, without the query string (it may carry values)
 */
public record SecurityEvent(
        String id,
        String tenant,
        Kind kind,
        String service,
        String caller,
        String route,
        String detail,
        int occurrences,
        Instant occurredAt) {

    public enum Kind {
        /** A wrong password (or a locked account) for a user who belongs to the tenant. */
        FAILED_LOGIN,
        /** Someone who is not a member asked for the tenant's data, by any route (path, header, host). */
        CROSS_TENANT,
        /** A member tried something their role does not allow. */
        ROLE_REFUSED,
        /** A request for a module or feature the tenant does not have. */
        FEATURE_REFUSED,
        /** Over the plan's request rate. */
        RATE_LIMITED;

        /** The kind of a refusal by its error code, or null for refusals that are ordinary mistakes. */
        public static Kind forRefusal(String errorCode) {
            if (errorCode == null) {
                return null;
            }
            return switch (errorCode) {
                case "NOT_A_MEMBER", "TENANT_MISMATCH" -> CROSS_TENANT;
                case "INSUFFICIENT_ROLE" -> ROLE_REFUSED;
                case "FEATURE_DISABLED" -> FEATURE_REFUSED;
                case "RATE_LIMITED" -> RATE_LIMITED;
                default -> null;
            };
        }
    }
}
