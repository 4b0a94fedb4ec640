package io.ipsc.tenancy.db.provisioning;

import io.ipsc.tenancy.db.directory.TenantDirectory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** Ready once the template is migrated and every known tenant converged: before that, requests would get 503s. */
@Readiness
@ApplicationScoped
public class ProvisionerReadiness implements HealthCheck {

    private final TenantProvisioner provisioner;
    private final TenantDirectory directory;

    public ProvisionerReadiness(TenantProvisioner provisioner, TenantDirectory directory) {
        this.provisioner = provisioner;
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tenant-databases")
                .status(provisioner.caughtUp())
                .withData("tenants", directory.size())
                .build();
    }
}
