package io.ipsc.branding.tenant;

import io.ipsc.branding.status.BrandingUsage;
import io.ipsc.branding.theme.Branding;
import io.ipsc.branding.theme.BrandingCatalog;
import io.ipsc.branding.theme.BrandingRequest;
import io.ipsc.branding.theme.BrandingUpdate;
import io.ipsc.branding.theme.ThemeCss;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /api/branding} (the gateway's {@code /api/tenants/{slug}/branding}): the calling tenant's
 * branding, its changes by the tenant's admins, and the theme stylesheet built from it.
 */
@Tag(name = "Branding")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/branding")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class BrandingResource {

    static final String CACHE_CONTROL = "private, max-age=300";

    private final TenantContext tenant;
    private final BrandingRepository repository;
    private final BrandingUsage usage;

    public BrandingResource(TenantContext tenant, BrandingRepository repository, BrandingUsage usage) {
        this.tenant = tenant;
        this.repository = repository;
        this.usage = usage;
    }

    @GET
    @Operation(operationId = "getBranding", summary = "Get the tenant's branding")
    public Uni<ApiResponse<BrandingView>> get() {
        return current().map(b -> ApiResponse.ok(BrandingView.of(b), "Branding of tenant '" + tenant.slug() + "' (" + b.source() + ")"));
    }

    @PUT
    @Extension(name = ErrorAnswers.CODES, value = "EMPTY_UPDATE")
    @Operation(operationId = "updateBranding", summary = "Update the tenant's branding")
    public Uni<ApiResponse<BrandingView>> update(BrandingRequest request) {
        tenant.requireRole(Role.ADMIN, "change the branding");
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> repository.findForUpdate(conn)
                        .map(found -> BrandingUpdate.apply(found.orElseGet(this::defaults), request))
                        .call(result -> repository.save(conn, result.branding()))))
                .map(result -> {
                    usage.record(tenant.slug(), result.branding().source());
                    return ApiResponse.ok(BrandingView.of(result.branding()),
                            "Branding of tenant '" + tenant.slug() + "' updated (" + result.branding().source() + ")", result.warnings());
                });
    }

    /** The stylesheet is cached privately (it differs per tenant behind one URL) and revalidated by its ETag. */
    @GET
    @Path("/theme.css")
    @Produces("text/css")
    @Operation(operationId = "getThemeCss", summary = "Get the tenant's theme stylesheet")
    public Uni<RestResponse<String>> themeCss(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return current().map(branding -> {
            String css = ThemeCss.render(branding);
            String etag = ThemeCss.etag(css);
            RestResponse.ResponseBuilder<String> response = ThemeCss.matches(ifNoneMatch, etag)
                    ? RestResponse.ResponseBuilder.create(RestResponse.Status.NOT_MODIFIED)
                    : RestResponse.ResponseBuilder.ok(css, "text/css; charset=utf-8");
            return response.header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .header(HttpHeaders.VARY, "X-Tenant-ID, Authorization")
                    .build();
        });
    }

    private Uni<Branding> current() {
        return tenant.withDatabase(pool -> find(pool)).invoke(b -> usage.record(tenant.slug(), b.source()));
    }

    private Uni<Branding> find(SqlClient client) {
        return repository.find(client).map(found -> found.orElseGet(this::defaults));
    }

    private Branding defaults() {
        return BrandingCatalog.defaultBranding(tenant.tenant().snapshot().organizationType(), tenant.tenant().snapshot().name());
    }
}
