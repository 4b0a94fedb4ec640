package io.ipsc.tenancy.security;

import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.error.ApiExceptionMappers;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer ...} on every request and, when present, verifies it and
 * records the caller. A request without a token goes on anonymously; the endpoint decides whether
 * that is enough. A present but invalid token is refused at once.
 */
public class BearerTokenFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    CurrentCaller currentCaller;

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(ApiExceptionMappers.envelope(401, "UNAUTHORIZED",
                    "Use 'Authorization: Bearer <access token>'", java.util.List.of()).build());
        }
        try {
            currentCaller.set(verifier.verify(header.substring(BEARER.length()).trim()));
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(ApiExceptionMappers.envelope(e.status(), e.code(), e.getMessage(), e.details()).build());
        }
    }
}
