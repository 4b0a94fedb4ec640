package io.ipsc.tenancy.security;

import io.ipsc.tenancy.error.ApiExceptionMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/**
 * smallrye-jwt verifies {@code Authorization: Bearer ...} before a request reaches a resource; a header
 * of another scheme it passes over as if absent. That is almost certainly a client's mistake, so it is
 * named here instead of answered later with "sign in first".
 */
public class BearerTokenFilter {

    private static final String BEARER = "Bearer ";

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank() || header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(ApiExceptionMappers.envelope(401, "UNAUTHORIZED",
                "Use 'Authorization: Bearer <access token>'", List.of()).build());
    }
}
