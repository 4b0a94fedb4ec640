package io.ipsc.tenancy.openapi;

/** The name of the bearer JWT security scheme every service's OpenAPI document declares (see package-info). */
public final class BearerAuth {

    public static final String SCHEME = "bearerAuth";

    private BearerAuth() {
    }
}
