package io.ipsc.tenancy.security;

import io.ipsc.tenancy.error.ApiException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.Key;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies IPSC access tokens: RS256 only (the algorithm is pinned, so "none" or HS256 tricks
 * fail), signed by a known key, from our issuer, for our audience, not expired.
 */
public class AccessTokenVerifier {

    /** Verified tokens until they expire: a signature is checked once per token, not once per request. */
    private static final int CACHE_LIMIT = 10_000;
    private final Map<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private final JwtConsumer consumer;

    private record Verified(Caller caller, long expiresAtMillis) {
    }

    public AccessTokenVerifier(VerificationKeys keys, String issuer, String audience) {
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, nested) -> resolve(keys, jws))
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .build();
    }

    private static Key resolve(VerificationKeys keys, JsonWebStructure jws) throws UnresolvableKeyException {
        String keyId = jws.getKeyIdHeaderValue();
        if (keyId == null) {
            throw new UnresolvableKeyException("token has no key id");
        }
        return keys.find(keyId).orElseThrow(() -> new UnresolvableKeyException("unknown key id " + keyId));
    }

    /** The caller that {@code token} proves, or a 401 naming what is wrong with it. */
    public Caller verify(String token) {
        Verified known = verified.get(token);
        if (known != null) {
            if (System.currentTimeMillis() < known.expiresAtMillis()) {
                return known.caller();
            }
            verified.remove(token);
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw ApiException.unauthorized(e.hasExpired()
                    ? "The access token has expired; sign in again or refresh it"
                    : "The access token is not valid");
        }
        try {
            long userId = Long.parseLong(claims.getSubject());
            String email = claims.getStringClaimValue(TokenClaims.UPN);
            List<String> groups = claims.hasClaim(TokenClaims.GROUPS) ? claims.getStringListClaimValue(TokenClaims.GROUPS) : List.of();
            Map<String, Role> memberships = new HashMap<>();
            Object tenants = claims.getClaimValue(TokenClaims.TENANTS);
            if (tenants instanceof Map<?, ?> map) {
                map.forEach((slug, role) -> Role.parse(String.valueOf(role))
                        .ifPresent(r -> memberships.put(String.valueOf(slug), r)));
            }
            Caller caller = new Caller(userId, email, groups.contains(TokenClaims.PLATFORM_ADMIN_GROUP), memberships);
            if (verified.size() >= CACHE_LIMIT) {
                verified.clear();
            }
            verified.put(token, new Verified(caller, claims.getExpirationTime().getValueInMillis()));
            return caller;
        } catch (MalformedClaimException | NumberFormatException e) {
            throw ApiException.unauthorized("The access token is not valid");
        }
    }
}
