package io.ipsc.tenancy.db.usage;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.metrics.UsageMonth;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Every module's {@code GET /api/usage}, declared once: a module's resource extends it with {@code @Path("/api/usage")},
 * its figures' record as {@code T} (so that the OpenAPI document shows each module's own fields), its counting
 * statement and {@link #figures}; the rest is {@link ModuleUsage}'s. The operation is {@code getModuleUsage} here and
 * is named after the module in the document ({@link ModuleUsageOperation}: {@code getDentalUsage}, ...).
 */
@TenantScoped
public abstract class ModuleUsageResource<T> {

    private final TenantContext tenant;
    private final String counts;
    private final String module;

    /** @param counts one statement returning one row; {@code $1}/{@code $2} are this month's start and end */
    protected ModuleUsageResource(TenantContext tenant, String counts) {
        this.tenant = tenant;
        this.counts = counts;
        this.module = ModuleUsage.module(ConfigProvider.getConfig().getValue(ModuleUsage.APPLICATION_NAME, String.class));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Usage")
    @SecurityRequirement(name = BearerAuth.SCHEME)
    @Operation(operationId = ModuleUsageOperation.OPERATION_ID, summary = ModuleUsageOperation.SUMMARY)
    public Uni<ApiResponse<T>> usage() {
        return ModuleUsage.thisMonth(tenant, module, counts, this::figures);
    }

    /** The statement's row (and the month) as the module's usage record. */
    protected abstract T figures(Row row, UsageMonth month);
}
