package io.ipsc.tenancy.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Proves a bearer token's caller as smallrye-jwt's own validator does (its parser, the shared settings in
 * microprofile-config.properties), but verifies each token once: later requests with the same token get
 * their identity from memory ({@link VerifiedTokens}), on the event loop. Before, every request paid an
 * RSA signature check and a claims parse, on a worker thread reached by a hop and back (about a third of
 * invoicing-service's CPU on {@code GET /api/products}, issue 19). Tried before smallrye-jwt's validator
 * (a higher priority), which then never sees a token: a refused token fails here.
 *
 * <p>What is kept is the parsed token and its {@link Caller}; the identity is built afresh for each
 * request, with that request's routing context, and {@link CallerAugmentor} still adds the roles of the
 * request's own tenant. Membership is still checked per request against the tenant's latest snapshot
 * (the tenant guard), so a removed member is refused although their token is remembered.
 */
@ApplicationScoped
public class RememberedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /**
     * Tokens held at most: far more than the users one instance serves within a token's 15 minutes, and at a few
     * KB per parsed token (its text and claims) at most some 15 MB of a service's heap.
     */
    static final int LIMIT = 4_096;

    /** A token's proof: the parsed token, and the caller it names. */
    record Proof(JsonWebToken token, Caller caller) {
    }

    private final JWTParser parser;
    private final VerifiedTokens<Proof> verified = new VerifiedTokens<>(LIMIT);

    public RememberedTokenIdentityProvider(JWTParser parser) {
        this.parser = parser;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of smallrye-jwt's validator, which has the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        Optional<Proof> known = verified.known(token);
        if (known.isPresent()) {
            return Uni.createFrom().item(identity(known.get(), request));
        }
        // Resolving the key may fetch the JWKS (first use, refresh interval passed, a rotated key id): blocking I/O.
        return context.runBlocking(() -> identity(verify(token), request));
    }

    private Proof verify(String token) {
        try {
            JsonWebToken parsed = parser.parse(token);
            Proof proof = new Proof(parsed, CallerAugmentor.caller(parsed));
            verified.remember(token, proof, parsed.getExpirationTime());
            return proof;
        } catch (ParseException | RuntimeException refused) {
            // A subject that is no user id fails here too, like any other token that proves nobody.
            throw new AuthenticationFailedException(refused);
        }
    }

    /** The identity smallrye-jwt's validator would build, plus the caller already read from the claims. */
    private static SecurityIdentity identity(Proof proof, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(proof.token())
                .addCredential(request.getToken())
                .addRoles(proof.token().getGroups() == null ? Set.of() : proof.token().getGroups())
                .addAttribute("quarkus.user", proof.token())
                .addAttribute(CallerAugmentor.CALLER, proof.caller());
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            builder.addAttribute(RoutingContext.class.getName(), routing);
        }
        return builder.build();
    }
}
