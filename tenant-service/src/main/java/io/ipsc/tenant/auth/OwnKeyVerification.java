package io.ipsc.tenant.auth;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * tenant-service verifies access tokens with the key it signs them with, not by fetching its own JWKS
 * over HTTP: the shared smallrye-jwt settings (issuer, audience, RS256, clock skew) with that key.
 */
@ApplicationScoped
public class OwnKeyVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(JWTAuthContextInfoProvider shared, SigningKeys keys) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(shared.getContextInfo());
        info.setPublicKeyLocation(null);
        info.setPublicVerificationKey(keys.current().getPublicKey());
        return info;
    }
}
