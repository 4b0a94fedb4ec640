package io.ipsc.tenant.outbox;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenant.tenant.TenantAccess;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * {@code ./ipsc republish}: the tenants' snapshots on {@code ipsc.tenants} rebuilt from {@code ipsc_platform} now,
 * instead of at the reconciler's next run. Platform admins only. A method that answers a plain value runs on a
 * worker thread, which the reconciler needs: it reads the topic and the database blocking.
 */
@Tag(name = "Operations")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/events/tenant-snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class TenantSnapshotResource {

    private static final Logger LOG = Logger.getLogger(TenantSnapshotResource.class);

    private final TenantTopicReconciler reconciler;
    private final TenantAccess access;

    public TenantSnapshotResource(TenantTopicReconciler reconciler, TenantAccess access) {
        this.reconciler = reconciler;
        this.access = access;
    }

    /** The slugs published again. */
    public record Republished(List<String> tenants, boolean everyTenant) {
    }

    @POST
    @Path("/republish")
    @Extension(name = ErrorAnswers.CODES, value = "EVENTS_UNAVAILABLE")
    @Operation(operationId = "republishTenantSnapshots",
            summary = "Publish the tenants' snapshots again from the platform database (those the topic lacks or has older; with all=true, every tenant)")
    public ApiResponse<Republished> republish(@QueryParam("all") boolean all) {
        access.requirePlatformAdmin();
        List<String> published;
        try {
            published = reconciler.reconcile(all);
        } catch (Exception e) {
            LOG.warnf("Could not publish the tenants' snapshots again: %s", e.getMessage());
            throw new ApiException(503, "EVENTS_UNAVAILABLE", "The tenants' snapshots could not be published again (is Kafka up?); nothing was lost, try again");
        }
        LOG.infof("Published again on request: %d tenant(s) %s", published.size(), published);
        return ApiResponse.ok(new Republished(published, all), published.size() + " tenant(s) published again");
    }
}
