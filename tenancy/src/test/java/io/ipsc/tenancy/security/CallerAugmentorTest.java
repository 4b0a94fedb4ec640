package io.ipsc.tenancy.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Caller an access token's claims make, as smallrye-jwt hands them over (JSON values, not strings). */
class CallerAugmentorTest {

    private static DefaultJWTCallerPrincipal token(String json) throws Exception {
        return new DefaultJWTCallerPrincipal(JwtClaims.parse(json));
    }

    @Test
    void membershipsAndPlatformRoleComeFromTheClaims() throws Exception {
        Caller caller = CallerAugmentor.caller(token("""
                {"sub":"42","upn":"a@b.in","groups":["platform_admin"],"tenants":{"acme":"manager","beta":"viewer","odd":"owner"}}"""));
        assertEquals(42, caller.userId());
        assertEquals("a@b.in", caller.email());
        assertTrue(caller.platformAdmin());
        assertEquals(Map.of("acme", Role.MANAGER, "beta", Role.VIEWER), caller.memberships());
        assertEquals(Optional.empty(), caller.roleIn("odd"));
    }

    @Test
    void aMemberWithoutGroupsIsNoPlatformAdmin() throws Exception {
        Caller caller = CallerAugmentor.caller(token("{\"sub\":\"7\",\"tenants\":{\"acme\":\"staff\"}}"));
        assertFalse(caller.platformAdmin());
        assertEquals(Optional.of(Role.STAFF), caller.roleIn("acme"));
    }

    @Test
    void aSubjectThatIsNoUserIdIsRefused() {
        assertThrows(NumberFormatException.class, () -> CallerAugmentor.caller(token("{\"sub\":\"someone\"}")));
    }

    @Test
    void theExpiredMessageOnlyForAnExpiredToken() {
        var expired = new org.jose4j.jwt.consumer.InvalidJwtException("expired",
                java.util.List.of(new org.jose4j.jwt.consumer.ErrorCodeValidator.Error(org.jose4j.jwt.consumer.ErrorCodes.EXPIRED, "expired")), null);
        assertEquals(TokenRefusal.EXPIRED, TokenRefusal.message(new io.quarkus.security.AuthenticationFailedException(new RuntimeException(expired))));
        assertEquals(TokenRefusal.INVALID, TokenRefusal.message(new io.quarkus.security.AuthenticationFailedException("bad signature")));
    }
}
