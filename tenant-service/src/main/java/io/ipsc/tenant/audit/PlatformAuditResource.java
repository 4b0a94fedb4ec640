package io.ipsc.tenant.audit;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.audit.AuditCsv;
import io.ipsc.tenancy.audit.AuditEntry;
import io.ipsc.tenancy.audit.AuditFilter;
import io.ipsc.tenancy.audit.AuditLog;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The platform database's audit trail (tenants, memberships, roles, features, plans, users): who changed what
 * and when, for platform admins only (it spans every tenant). Read by the same {@link AuditLog} the domain
 * services' tenant trails are, so the filters, paging, 400s and the CSV are theirs; through the gateway it is
 * {@code GET /api/audit?service=tenants}.
 */
@Tag(name = "Audit trail")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/audit")
public class PlatformAuditResource {

    private final Pool pool;
    private final CurrentCaller caller;

    public PlatformAuditResource(Pool pool, CurrentCaller caller) {
        this.pool = pool;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_ENTITY,ENTITY_REQUIRED,NOT_A_CHILD,INVALID_RANGE")
    @Operation(operationId = "listPlatformAuditTrail", summary = "List the platform's audit trail, newest first (platform admins)",
            description = "Every insert, update and delete of tenants, memberships, roles, features, plans and users, with who made it "
                    + "(the user, or the system with the Kafka record that caused it), when (UTC) and each changed field's old and new "
                    + "value. Through the gateway: service=tenants.")
    public Uni<ApiResponse<Page<AuditEntry>>> list(@BeanParam AuditFilter filter) {
        caller.requirePlatformAdmin();
        return AuditLog.list(pool, filter.query(), filter.pageRequest())
                .map(found -> ApiResponse.ok(found, found.totalItems() + " audit entries of the platform"));
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_RANGE")
    @Operation(operationId = "exportPlatformAuditTrail", summary = "Export the platform's audit trail for a period as CSV (platform admins)",
            description = "One line per changed field, oldest first; at most 400 days per request; formula-like cells prefixed with an apostrophe.")
    @APIResponse(responseCode = "200", description = "The CSV, as an attachment", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> export(@QueryParam("from") String from, @QueryParam("to") String to,
                                @Parameter(description = "at the gateway, tenants") @QueryParam("service") String serviceName) {
        caller.requirePlatformAdmin();
        return AuditLog.export(pool, from, to).map(entries -> AuditCsv.attachment(entries, "platform", from, to));
    }
}
