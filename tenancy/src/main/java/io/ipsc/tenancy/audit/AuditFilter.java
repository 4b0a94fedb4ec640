package io.ipsc.tenancy.audit;

import io.ipsc.tenancy.api.PageRequest;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of an audit-trail list ({@code @BeanParam}), the same in every service's {@code GET /api/audit}:
 * a tenant's trail in a domain service and the platform's in tenant-service take the same filters.
 */
public class AuditFilter {

    @Parameter(description = "a table (invoice_lines, memberships) or a friendly name (invoice, credit-note, customer, tenant, user)")
    @QueryParam("entity")
    public String entity;

    @Parameter(description = "the record's id; needs entity")
    @QueryParam("id")
    public String id;

    @Parameter(description = "a user id or e-mail")
    @QueryParam("user")
    public String user;

    @Parameter(description = "a date (IST day, inclusive) or a date-time with an offset")
    @QueryParam("from")
    public String from;

    @Parameter(description = "a date (IST day, inclusive) or a date-time with an offset")
    @QueryParam("to")
    public String to;

    /** Read by the gateway only, to route the request; a service serves its own trail whatever it says. */
    @Parameter(description = "at the gateway, the service whose trail to read when no entity says it: invoicing, dental, "
            + "manufacturing, branding, or tenants (the platform's)")
    @QueryParam("service")
    public String service;

    @Parameter(description = "with entity and id, a child table (invoice_lines, memberships) or its short name (lines) whose rows "
            + "for the record's children are listed with the record's own, in time order")
    @QueryParam("with")
    public String with;

    @QueryParam("page")
    public Integer page;

    @QueryParam("size")
    public Integer size;

    public AuditLog.Query query() {
        return new AuditLog.Query(entity, id, user, from, to, with);
    }

    public PageRequest pageRequest() {
        return PageRequest.of(page, size);
    }
}
