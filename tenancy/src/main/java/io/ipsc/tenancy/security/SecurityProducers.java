package io.ipsc.tenancy.security;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the token verifier once per service from its {@link VerificationKeys} and the expected issuer and audience. */
public class SecurityProducers {

    @Produces
    @Singleton
    AccessTokenVerifier accessTokenVerifier(VerificationKeys keys,
                                            @ConfigProperty(name = "ipsc.jwt.issuer", defaultValue = TokenClaims.DEFAULT_ISSUER) String issuer,
                                            @ConfigProperty(name = "ipsc.jwt.audience", defaultValue = TokenClaims.DEFAULT_AUDIENCE) String audience) {
        return new AccessTokenVerifier(keys, issuer, audience);
    }
}
