package io.ipsc.branding.status;

import io.ipsc.branding.theme.Branding;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.CurrentCaller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/branding/status}: for platform admins, the service's state and how many tenants
 * use custom branding, their defaults, or each template.
 */
@Tag(name = "Branding")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/branding/status")
@Produces(MediaType.APPLICATION_JSON)
public class BrandingStatusResource {

    private final CurrentCaller caller;
    private final TenantDirectory directory;
    private final BrandingUsage usage;

    public BrandingStatusResource(CurrentCaller caller, TenantDirectory directory, BrandingUsage usage) {
        this.caller = caller;
        this.directory = directory;
        this.usage = usage;
    }

    /** The counts of one moment: see {@link BrandingUsage} for why tenants not yet seen are counted as on defaults. */
    public record Status(String service, String state, Map<String, Integer> tenantDatabases, int tenantsKnown, int tenantsSeen,
                         int custom, int defaults, Map<String, Integer> templates, String note) {
    }

    @GET
    @Extension(name = ErrorAnswers.TENANT_SCOPED, value = "false")
    @Operation(operationId = "getBrandingStatus", summary = "Get the branding service's status")
    public ApiResponse<Status> status() {
        caller.requirePlatformAdmin();
        Map<String, Integer> bySource = usage.countsBySource();
        int custom = bySource.getOrDefault(Branding.CUSTOM, 0);
        Map<String, Integer> templates = new TreeMap<>();
        bySource.forEach((source, count) -> {
            if (source.startsWith(Branding.TEMPLATE_PREFIX)) {
                templates.put(source.substring(Branding.TEMPLATE_PREFIX.length()), count);
            }
        });
        int onTemplates = templates.values().stream().mapToInt(Integer::intValue).sum();
        int known = directory.size();
        // A tenant that never saved branding has no row, and one this process has not seen yet is the same case.
        int defaults = Math.max(0, known - custom - onTemplates);
        Map<String, Integer> databases = new LinkedHashMap<>();
        directory.countsByState().forEach((state, count) -> databases.put(state.name().toLowerCase(java.util.Locale.ROOT), count));
        Status status = new Status("branding", "UP", databases, known, usage.seen(), custom, defaults, templates,
                "Counts come from the tenants whose branding this instance has served since it started; "
                        + "tenants not seen yet are counted as using their defaults.");
        return ApiResponse.ok(status, custom + " custom, " + onTemplates + " on templates, " + defaults + " on defaults, of "
                + known + " known tenant(s)");
    }
}
