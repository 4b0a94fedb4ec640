package io.ipsc.tenancy.security;

import java.security.PublicKey;
import java.util.Optional;

/**
 * Where a verifier finds the public key for a token's key id. tenant-service answers from its own
 * keys; other services from tenant-service's JWKS. Must answer without blocking (from a cache).
 */
public interface VerificationKeys {

    Optional<PublicKey> find(String keyId);

    /** True once keys are held: until then no token can be verified, and the service is not ready. */
    default boolean loaded() {
        return true;
    }
}
