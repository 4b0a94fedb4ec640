package io.ipsc.gateway.health;

import io.ipsc.gateway.directory.GatewayTenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the tenant directory holds every tenant that was on {@code ipsc.tenants} when the
 * gateway started: before that a new pod would answer 404 {@code TENANT_NOT_FOUND} for real tenants.
 * With tenancy's {@code TokenKeysReadiness}, the gateway's readiness.
 */
@Readiness
@ApplicationScoped
public class TenantDirectoryReadiness implements HealthCheck {

    private final GatewayTenantDirectory directory;

    public TenantDirectoryReadiness(GatewayTenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tenant-directory")
                .status(directory.caughtUp())
                .withData("tenants", directory.size())
                .build();
    }
}
