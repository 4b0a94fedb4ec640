package io.ipsc.tenant.auth;

import io.ipsc.tenancy.security.TokenClaims;
import io.ipsc.tenant.config.TenantServiceConfig;
import io.ipsc.tenant.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Signs short-lived RS256 access tokens carrying the user's platform role and tenant memberships. */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final TenantServiceConfig config;

    public TokenIssuer(SigningKeys keys, TenantServiceConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public int accessTokenSeconds() {
        return config.jwt().accessTokenMinutes() * 60;
    }

    /** {@code memberships}: tenant slug → role name. */
    public String accessToken(User user, Map<String, String> memberships) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.jwt().issuer());
        claims.setAudience(config.jwt().audience());
        claims.setSubject(Long.toString(user.id));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(config.jwt().accessTokenMinutes());
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim(TokenClaims.UPN, user.email);
        claims.setClaim(TokenClaims.EMAIL, user.email);
        claims.setStringListClaim(TokenClaims.GROUPS, user.platformAdmin ? List.of(TokenClaims.PLATFORM_ADMIN_GROUP) : List.of());
        claims.setClaim(TokenClaims.TENANTS, memberships);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.current().getPrivateKey());
        jws.setKeyIdHeaderValue(keys.current().getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
    }
}
