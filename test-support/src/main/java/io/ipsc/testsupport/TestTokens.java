package io.ipsc.testsupport;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Stands in for tenant-service's token issuer in the other services' tests: one RSA key per test
 * JVM, published as a JWKS file that the service under test is pointed at, and tokens signed with
 * it exactly as tenant-service signs them (RS256, issuer, audience, memberships).
 */
public final class TestTokens {

    private static TestTokens instance;

    private final RsaJsonWebKey key;
    private final Path jwksFile;

    private TestTokens(RsaJsonWebKey key, Path jwksFile) {
        this.key = key;
        this.jwksFile = jwksFile;
    }

    public static synchronized TestTokens get() {
        if (instance == null) {
            try {
                RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
                key.setKeyId("test-key");
                key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
                Path file = Files.createTempFile("ipsc-test-jwks-", ".json");
                file.toFile().deleteOnExit();
                Files.writeString(file, "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}");
                instance = new TestTokens(key, file);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot make a test signing key", e);
            }
        }
        return instance;
    }

    public String jwksUrl() {
        return jwksFile.toUri().toString();
    }

    /** A platform admin's token (user 1). */
    public String platformAdmin() {
        return token(1, "admin@ipsc.test", true, Map.of());
    }

    /** A member's token: {@code memberships} maps tenant slug to role. */
    public String member(long userId, Map<String, String> memberships) {
        return token(userId, "user" + userId + "@ipsc.test", false, memberships);
    }

    public String token(long userId, String email, boolean platformAdmin, Map<String, String> memberships) {
        return token(userId, email, platformAdmin, memberships, claims -> { });
    }

    /** A platform admin's token with {@code change} applied to its claims (an expiry in the past, another issuer...), signed as usual. */
    public String adminTokenWith(java.util.function.Consumer<JwtClaims> change) {
        return token(1, "admin@ipsc.test", true, Map.of(), change);
    }

    private String token(long userId, String email, boolean platformAdmin, Map<String, String> memberships,
                         java.util.function.Consumer<JwtClaims> change) {
        return signedBy(key, userId, email, platformAdmin, memberships, change);
    }

    /** A platform admin's token signed by another key (a rotated or a stranger's one), {@code change} applied to its claims. */
    public static String adminTokenSignedBy(RsaJsonWebKey signer, java.util.function.Consumer<JwtClaims> change) {
        return signedBy(signer, 1, "admin@ipsc.test", true, Map.of(), change);
    }

    private static String signedBy(RsaJsonWebKey key, long userId, String email, boolean platformAdmin, Map<String, String> memberships,
                                   java.util.function.Consumer<JwtClaims> change) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer("ipsc");
            claims.setAudience("ipsc-api");
            claims.setSubject(Long.toString(userId));
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(15);
            claims.setClaim("upn", email);
            claims.setStringListClaim("groups", platformAdmin ? List.of("platform_admin") : List.of());
            claims.setClaim("tenants", memberships);
            change.accept(claims);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
