package io.ipsc.web.auth;

import io.ipsc.web.gateway.GatewayError;

/** A refused sign-in in the words a person reads, from the API's error code. */
final class SignInProblem {

    private SignInProblem() {
    }

    static String explain(GatewayError error) {
        return switch (error.code()) {
            case "INVALID_CREDENTIALS" -> "That e-mail address and password do not match. Check both and try again.";
            case "ACCOUNT_LOCKED" -> "Too many wrong passwords: this account is locked"
                    + error.retryAfterSeconds().stream().mapToObj(s -> " for " + minutes(s)).findFirst().orElse(" for a while")
                    + ". Try again then, or ask an administrator.";
            case "ACCOUNT_DEACTIVATED" -> "This account has been deactivated. Ask a platform administrator.";
            case "RATE_LIMITED" -> "Too many sign-in attempts from here. Wait a minute and try again.";
            case "VALIDATION_ERROR", "BAD_REQUEST" -> "Enter your e-mail address and your password.";
            default -> error.unreachable() || error.status() >= 500
                    ? "Signing in is not possible right now: the service does not answer. Try again shortly."
                    : "Signing in did not work: " + error.message();
        };
    }

    /** Whole minutes, rounded up: "1 more minute" even when 10 seconds are left. */
    static String minutes(long seconds) {
        long minutes = Math.max(1, (seconds + 59) / 60);
        return minutes == 1 ? "1 more minute" : minutes + " more minutes";
    }
}
