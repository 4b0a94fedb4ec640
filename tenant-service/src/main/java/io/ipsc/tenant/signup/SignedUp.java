package io.ipsc.tenant.signup;

import io.ipsc.tenant.tenant.TenantView;
import io.ipsc.tenant.user.UserView;

/** The answer of a sign-up: the account (new, or the caller's) and its new tenant, being provisioned. */
public record SignedUp(UserView user, TenantView tenant) {
}
