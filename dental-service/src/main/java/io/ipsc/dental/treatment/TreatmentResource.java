package io.ipsc.dental.treatment;

import io.ipsc.dental.billing.BillingRelay;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /api/treatments}: treatments by tooth; completing one bills the patient once. */
@Tag(name = "Treatments")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/treatments")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class TreatmentResource {

    /** Per-tenant counter of treatments completed (and so billed), counted after the commit. */
    public static final String TREATMENTS_COMPLETED = "ipsc_treatments_completed";

    private final TenantContext tenant;
    private final TreatmentService treatments;
    private final BillingRelay relay;
    private final TenantMetrics metrics;

    public TreatmentResource(TenantContext tenant, TreatmentService treatments, BillingRelay relay, TenantMetrics metrics) {
        this.tenant = tenant;
        this.treatments = treatments;
        this.relay = relay;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_PATIENT,PATIENT_ARCHIVED,UNKNOWN_APPOINTMENT")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createTreatment", summary = "Create a treatment")
    public Uni<RestResponse<ApiResponse<Treatment>>> create(@Valid @NotNull TreatmentRequest request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> treatments.create(pool, slug, request))
                .invoke(outcome -> sendIfBilled(slug, outcome))
                .map(o -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok(o.treatment(), "Treatment " + o.treatment().id() + " recorded as " + o.treatment().status())));
    }

    @GET
    @Operation(operationId = "listTreatments", summary = "List treatments")
    public Uni<ApiResponse<Page<Treatment>>> list(@QueryParam("patient_id") Long patientId, @QueryParam("status") String status,
                                                  @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return tenant.withDatabase(pool -> treatments.list(pool, patientId, status, request))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " treatment(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTreatment", summary = "Get a treatment")
    public Uni<ApiResponse<Treatment>> get(@PathParam("id") long id) {
        return tenant.withDatabase(pool -> treatments.get(pool, id)).map(t -> ApiResponse.ok(t, "Treatment " + id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_APPOINTMENT,TREATMENT_COMPLETED")
    @Operation(operationId = "updateTreatment", summary = "Update a treatment")
    public Uni<ApiResponse<Treatment>> update(@PathParam("id") long id, @Valid @NotNull TreatmentRequest request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> treatments.update(pool, slug, id, request))
                .invoke(outcome -> sendIfBilled(slug, outcome))
                .map(o -> ApiResponse.ok(o.treatment(), "Treatment " + id + " updated"));
    }

    // No body and so no Content-Type needed: `curl -X POST .../complete` is enough.
    @POST
    @Path("/{id}/complete")
    @Extension(name = ErrorAnswers.CODES, value = "TREATMENT_COMPLETED")
    @Operation(operationId = "completeTreatment", summary = "Complete a treatment")
    public Uni<ApiResponse<Treatment>> complete(@PathParam("id") long id) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> treatments.complete(pool, slug, id))
                .invoke(outcome -> sendIfBilled(slug, outcome))
                .map(o -> ApiResponse.ok(o.treatment(), o.billed()
                        ? "Treatment " + id + " completed; the patient is billed for it"
                        : "Treatment " + id + " was already completed; it is billed only once"));
    }

    @DELETE
    @Path("/{id}")
    @Extension(name = ErrorAnswers.CODES, value = "TREATMENT_COMPLETED")
    @Operation(operationId = "deleteTreatment", summary = "Delete a treatment")
    public Uni<ApiResponse<Void>> delete(@PathParam("id") long id) {
        tenant.requireRole(Role.MANAGER, "remove or archive clinic records");
        return tenant.withDatabase(pool -> treatments.delete(pool, id)).map(done -> ApiResponse.ok(null, "Treatment " + id + " deleted"));
    }

    // After the commit, not inside the transaction: the relay reads only committed items. A write
    // bills exactly when it completed the treatment, so that is also when the completion is counted.
    private void sendIfBilled(String slug, TreatmentService.Outcome outcome) {
        if (outcome.billed()) {
            metrics.increment(TREATMENTS_COMPLETED, slug);
            relay.trigger(slug);
        }
    }
}
