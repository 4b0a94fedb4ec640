package io.ipsc.gateway.door;

import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenancy.security.CallerAugmentor;
import io.ipsc.tenancy.security.TokenRefusal;
import io.ipsc.tenancy.security.VerifiedTokens;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Access tokens as the gateway checks them: by smallrye-jwt's parser, with the settings every service
 * shares (RS256 only, our issuer and audience, 30 s of clock skew, tenant-service's JWKS; tenancy's
 * microprofile-config.properties). A token is verified once and then answered from memory until it
 * expires: the gateway's hot path is a map lookup. The parser runs only for a token not yet seen, and on
 * a worker thread, because resolving its key may fetch the JWKS (at first use, when the refresh interval
 * has passed, or for a key id it does not know, which is how a key rotation arrives).
 */
@Singleton
public class AccessTokens {

    private static final int CACHE_LIMIT = 10_000;

    private final JWTParser parser;
    private final Vertx vertx;
    private final VerifiedTokens<Caller> verified = new VerifiedTokens<>(CACHE_LIMIT);

    public AccessTokens(JWTParser parser, Vertx vertx) {
        this.parser = parser;
        this.vertx = vertx;
    }

    /** The caller a token proved earlier and that has not expired since; empty if it must be verified. */
    public Optional<Caller> known(String token) {
        return verified.known(token);
    }

    /** The caller {@code token} proves, or a failed future with the 401 that names what is wrong with it. */
    public Future<Caller> verify(String token) {
        Optional<Caller> known = known(token);
        if (known.isPresent()) {
            return Future.succeededFuture(known.get());
        }
        return vertx.<Caller>executeBlocking(() -> parse(token), false).recover(failure -> Future.failedFuture(
                failure instanceof ApiException refused ? refused : ApiException.unauthorized(TokenRefusal.message(failure))));
    }

    private Caller parse(String token) {
        JsonWebToken proved;
        Caller caller;
        try {
            proved = parser.parse(token);
            caller = CallerAugmentor.caller(proved);
        } catch (ParseException | RuntimeException refused) {
            // A subject that is no user id fails here too, like any other token that proves nobody.
            throw ApiException.unauthorized(TokenRefusal.message(refused));
        }
        verified.remember(token, caller, proved.getExpirationTime());
        return caller;
    }
}
