package io.ipsc.tenancy.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser runs once per token; the identity is built afresh per request from what it proved. */
class RememberedTokenIdentityProviderTest {

    private final AtomicInteger parsed = new AtomicInteger();
    private final AtomicInteger blocking = new AtomicInteger();
    /** Runs the work at once, counting how often the provider asked for a worker thread. */
    private final AuthenticationRequestContext context = work -> {
        blocking.incrementAndGet();
        return Uni.createFrom().item(work);
    };

    @Test
    void aTokenIsVerifiedOnceAndThenAnsweredFromMemoryWithoutAWorker() {
        RememberedTokenIdentityProvider provider = new RememberedTokenIdentityProvider(parser(Map.of("good", claims(7, 900))));

        SecurityIdentity first = authenticate(provider, "good");
        SecurityIdentity second = authenticate(provider, "good");

        assertEquals(1, parsed.get(), "the signature is checked once per token");
        assertEquals(1, blocking.get(), "a remembered token needs no worker thread");
        assertNotSame(first, second, "each request gets an identity of its own");
        Caller caller = second.getAttribute(CallerAugmentor.CALLER);
        assertEquals(7, caller.userId());
        assertEquals("7", ((JsonWebToken) second.getPrincipal()).getSubject());
        assertTrue(second.getRoles().contains("staff"), "the token's groups are the identity's roles, as smallrye-jwt's validator gives them");
    }

    @Test
    void aRefusedTokenFailsAsAnAuthenticationFailureEveryTime() {
        RememberedTokenIdentityProvider provider = new RememberedTokenIdentityProvider(parser(Map.of()));

        assertThrows(AuthenticationFailedException.class, () -> authenticate(provider, "forged"));
        assertThrows(AuthenticationFailedException.class, () -> authenticate(provider, "forged"));
        assertEquals(2, parsed.get(), "a refused token is not remembered");
    }

    @Test
    void aTokenWhoseSubjectIsNoUserIsRefused() {
        JwtClaims claims = claims(7, 900);
        claims.setSubject("not-a-number");
        RememberedTokenIdentityProvider provider = new RememberedTokenIdentityProvider(parser(Map.of("odd", claims)));

        assertThrows(AuthenticationFailedException.class, () -> authenticate(provider, "odd"));
    }

    @Test
    void anExpiredTokenAcceptedByTheParserIsNotRemembered() {
        // The parser allows 30 s of clock skew; the memory does not extend it.
        RememberedTokenIdentityProvider provider = new RememberedTokenIdentityProvider(parser(Map.of("late", claims(7, -10))));

        authenticate(provider, "late");
        authenticate(provider, "late");

        assertEquals(2, parsed.get());
    }

    @Test
    void itIsTriedBeforeSmallryeJwtsOwnValidator() {
        RememberedTokenIdentityProvider provider = new RememberedTokenIdentityProvider(parser(Map.of()));
        IdentityProvider<TokenAuthenticationRequest> defaultPriority = new IdentityProvider<>() {
            @Override
            public Class<TokenAuthenticationRequest> getRequestType() {
                return TokenAuthenticationRequest.class;
            }

            @Override
            public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
                return Uni.createFrom().nullItem();
            }
        };
        assertTrue(provider.priority() > defaultPriority.priority());
    }

    private SecurityIdentity authenticate(RememberedTokenIdentityProvider provider, String token) {
        return provider.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), context).await().indefinitely();
    }

    private static JwtClaims claims(long userId, long expiresInSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(Long.toString(userId));
        claims.setClaim("upn", "user" + userId + "@ipsc.test");
        claims.setStringListClaim("groups", List.of("staff"));
        claims.setClaim("tenants", Map.of("acme", "admin"));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + expiresInSeconds));
        return claims;
    }

    /** A parser that knows {@code valid} tokens and refuses every other, counting its calls; the provider may call nothing else. */
    private JWTParser parser(Map<String, JwtClaims> valid) {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JWTParser.class}, (proxy, method, args) -> {
            if (!method.getName().equals("parse") || args.length != 1) {
                // The provider verifies a bearer token by parse(String) alone; any other call is a defect to fail on.
                throw new AssertionError("the provider called JWTParser." + method.getName() + ", not parse(token)");
            }
            parsed.incrementAndGet();
            JwtClaims claims = valid.get((String) args[0]);
            if (claims == null) {
                throw new ParseException("bad signature");
            }
            return new DefaultJWTCallerPrincipal((String) args[0], claims);
        });
    }
}
