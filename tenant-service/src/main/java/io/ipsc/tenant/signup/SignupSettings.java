package io.ipsc.tenant.signup;

/** {@code GET /api/signup}: whether visitors may sign up here, so that a front end shows the way only when it is open. */
public record SignupSettings(boolean enabled, int maxTenantsPerAccount, String plan) {
}
