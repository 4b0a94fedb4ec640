package io.ipsc.tenancy.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the service holds the keys that verify access tokens: before that every request
 * with a token would be answered 401, which on a rolling deploy is a burst of errors for real callers.
 */
@Readiness
@ApplicationScoped
public class TokenKeysReadiness implements HealthCheck {

    private final TokenKeysProbe keys;

    public TokenKeysReadiness(TokenKeysProbe keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("token-keys").status(keys.held()).build();
    }
}
