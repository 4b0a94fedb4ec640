package io.ipsc.tenancy.security;

import io.ipsc.tenancy.error.RouteFailureEnvelope;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * A bearer token smallrye-jwt refuses fails the request in the router, before any resource: Quarkus
 * would answer with an empty 401. This answers in the envelope instead, saying whether the token has
 * expired (the client should refresh it) or is not valid at all, as the services always have.
 */
@ApplicationScoped
public class TokenRefusal {

    static final String EXPIRED = "The access token has expired; sign in again or refresh it";
    static final String INVALID = "The access token is not valid";

    private final RouteFailureEnvelope envelope;

    public TokenRefusal(RouteFailureEnvelope envelope) {
        this.envelope = envelope;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        if (!(context.failure() instanceof AuthenticationFailedException refused) || context.response().headWritten()) {
            context.next();
            return;
        }
        context.response().putHeader("WWW-Authenticate", "Bearer");
        envelope.send(context, 401, "UNAUTHORIZED", message(refused));
    }

    /** What to tell the caller about a refused token. */
    public static String message(Throwable refusal) {
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return EXPIRED;
            }
        }
        return INVALID;
    }
}
