package io.ipsc.tenancy.db.audit;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.audit.AuditCsv;
import io.ipsc.tenancy.audit.AuditEntry;
import io.ipsc.tenancy.audit.AuditFilter;
import io.ipsc.tenancy.audit.AuditLog;
import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/audit}: the calling tenant's audit trail in this service (every change to its records,
 * who made it, when), for its admins and platform admins; {@code /api/audit/export} the same as CSV
 * for an auditor. One class served by every domain service, as the trail is the same in each.
 */
@Tag(name = "Audit trail")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/audit")
@TenantScoped
public class AuditResource {

    private final TenantContext tenant;
    private final ServiceIdentity service;

    public AuditResource(TenantContext tenant, ServiceIdentity service) {
        this.tenant = tenant;
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_ENTITY,ENTITY_REQUIRED,NOT_A_CHILD,INVALID_RANGE,AUDIT_SERVICE_REQUIRED")
    @Operation(operationId = "listAuditTrail", summary = "List the tenant's audit trail, newest first (tenant admins)",
            description = "Every insert, update and delete of the tenant's records in one service, with who made it (user id and "
                    + "e-mail, or the system with the Kafka record that caused it), when (UTC) and each changed field's old and new "
                    + "value. Through the gateway, entity (or, without one, service=invoicing|dental|manufacturing|branding) "
                    + "picks the service.")
    public Uni<ApiResponse<Page<AuditEntry>>> list(@BeanParam AuditFilter filter) {
        tenant.requireRole(Role.ADMIN, "read the audit trail");
        PageRequest request = filter.pageRequest();
        return tenant.withDatabase(pool -> AuditLog.list(pool, filter.query(), request))
                .map(found -> ApiResponse.ok(found, found.totalItems() + " audit entries of tenant '" + tenant.slug() + "' in " + service.name()));
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_RANGE,AUDIT_SERVICE_REQUIRED")
    @Operation(operationId = "exportAuditTrail", summary = "Export the tenant's audit trail for a period as CSV (tenant admins)",
            description = "One line per changed field, oldest first; at most 400 days per request. Cells starting with = + - @ are "
                    + "prefixed with an apostrophe so a spreadsheet never runs them.")
    @APIResponse(responseCode = "200", description = "The CSV, as an attachment", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> export(@QueryParam("from") String from, @QueryParam("to") String to,
                                @Parameter(description = "at the gateway, the service whose trail to export") @QueryParam("service") String serviceName) {
        tenant.requireRole(Role.ADMIN, "export the audit trail");
        return tenant.withDatabase(pool -> AuditLog.export(pool, from, to))
                .map(entries -> AuditCsv.attachment(entries, tenant.slug() + "-" + service.name(), from, to));
    }
}
