package io.ipsc.tenancy.security;

/** Names of the claims in IPSC access tokens, shared by the issuer and every verifier. */
public final class TokenClaims {

    /** Platform roles, as MicroProfile JWT names them. */
    public static final String GROUPS = "groups";
    public static final String UPN = "upn";
    public static final String EMAIL = "email";
    /** Tenant memberships: an object from tenant slug to role name. */
    public static final String TENANTS = "tenants";
    public static final String PLATFORM_ADMIN_GROUP = "platform_admin";
    public static final String DEFAULT_ISSUER = "ipsc";
    public static final String DEFAULT_AUDIENCE = "ipsc-api";

    private TokenClaims() {
    }
}
