package io.ipsc.dental.patient;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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

/** {@code /api/patients}: the clinic's patients, searchable by name or phone. */
@Tag(name = "Patients")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/patients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class PatientResource {

    private final TenantContext tenant;
    private final PatientRepository patients;

    public PatientResource(TenantContext tenant, PatientRepository patients) {
        this.tenant = tenant;
        this.patients = patients;
    }

    @POST
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createPatient", summary = "Register a patient")
    public Uni<RestResponse<ApiResponse<Patient>>> create(@Valid @NotNull PatientRequest request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        return tenant.withDatabase(pool -> patients.insert(pool, request))
                .map(p -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(p, "Patient " + p.id() + " registered")));
    }

    @GET
    @Operation(operationId = "listPatients", summary = "List patients")
    public Uni<ApiResponse<Page<Patient>>> list(@QueryParam("search") String search, @QueryParam("page") Integer page,
                                                @QueryParam("size") Integer size,
                                                @QueryParam("include_archived") @DefaultValue("false") boolean includeArchived) {
        PageRequest request = PageRequest.of(page, size);
        return tenant.withDatabase(pool -> patients.search(pool, search, includeArchived, request))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " patient(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPatient", summary = "Get a patient")
    public Uni<ApiResponse<Patient>> get(@PathParam("id") long id) {
        return tenant.withDatabase(pool -> patients.get(pool, id)).map(p -> ApiResponse.ok(p, "Patient " + id));
    }

    @PUT
    @Path("/{id}")
    @Operation(operationId = "updatePatient", summary = "Update a patient")
    public Uni<ApiResponse<Patient>> update(@PathParam("id") long id, @Valid @NotNull PatientRequest request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        return tenant.withDatabase(pool -> patients.update(pool, id, request)).map(p -> ApiResponse.ok(p, "Patient " + id + " updated"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deletePatient", summary = "Delete a patient")
    public Uni<ApiResponse<Void>> delete(@PathParam("id") long id) {
        tenant.requireRole(Role.MANAGER, "remove or archive clinic records");
        return tenant.withDatabase(pool -> patients.deleteOrArchive(pool, id))
                .map(archived -> ApiResponse.ok(null, archived
                        ? "Patient " + id + " has appointments or treatments, so was archived rather than deleted"
                        : "Patient " + id + " deleted"));
    }
}
