package io.ipsc.invoicing.party;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.smallrye.mutiny.Uni;
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

/**
 * {@code /api/customers} and {@code /api/vendors}: the same endpoints over {@link PartyService}. Their
 * operationIds say "party" here, as the methods are shared; {@link PartyOperationIds} names them per kind.
 */
public final class PartyResources {

    private PartyResources() {
    }

    abstract static class Base {
        private final PartyService parties;
        private final String kind;

        Base(PartyService parties, String kind) {
            this.parties = parties;
            this.kind = kind;
        }

        @POST
        @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
        @Operation(operationId = "createParty", summary = "Create a party")
        public Uni<RestResponse<ApiResponse<PartyView>>> create(PartyRequest request) {
            return parties.create(kind, request).map(s -> RestResponse.status(RestResponse.Status.CREATED,
                    ApiResponse.ok(s.party(), cap() + " " + s.party().id() + " created", s.warnings())));
        }

        @POST
        @Path("/check")
        @Operation(operationId = "checkParty", summary = "Check a party's fields as creating would, storing nothing",
                description = "The body of createParty; answers the problems and warnings by field, the GST state the party would get "
                        + "and the state its GSTIN is registered in (for a form checking a GSTIN as it is typed). Nothing is written, "
                        + "so every member may ask.")
        public Uni<ApiResponse<PartyCheck>> check(PartyRequest request) {
            PartyCheck check = parties.dryRun(request);
            return Uni.createFrom().item(ApiResponse.ok(check, check.valid() ? "The fields are acceptable" : "Some fields would be refused"));
        }

        @GET
        @Operation(operationId = "listParties", summary = "List parties")
        public Uni<ApiResponse<Page<PartyView>>> list(@QueryParam("search") String search, @QueryParam("page") Integer page,
                                                      @QueryParam("size") Integer size) {
            return parties.list(kind, search, PageRequest.of(page, size)).map(p -> ApiResponse.ok(p, p.totalItems() + " " + kind + "(s)"));
        }

        @GET
        @Path("/{id}")
        @Operation(operationId = "getParty", summary = "Get a party")
        public Uni<ApiResponse<PartyView>> get(@PathParam("id") long id) {
            return parties.get(kind, id).map(p -> ApiResponse.ok(p, cap() + " " + id));
        }

        @PUT
        @Path("/{id}")
        @Operation(operationId = "updateParty", summary = "Update a party")
        public Uni<ApiResponse<PartyView>> update(@PathParam("id") long id, PartyRequest request) {
            return parties.update(kind, id, request).map(s -> ApiResponse.ok(s.party(), cap() + " " + id + " updated", s.warnings()));
        }

        @DELETE
        @Path("/{id}")
        @Operation(operationId = "archiveParty", summary = "Archive a party")
        public Uni<ApiResponse<PartyView>> archive(@PathParam("id") long id) {
            return parties.archive(kind, id).map(p -> ApiResponse.ok(p, cap() + " " + id + " archived"));
        }

        private String cap() {
            return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        }
    }

    @Tag(name = "Customers")
    @SecurityRequirement(name = BearerAuth.SCHEME)
    @Path("/api/customers")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @TenantScoped
    public static class Customers extends Base {
        public Customers(PartyService parties) {
            super(parties, "customer");
        }
    }

    @Tag(name = "Vendors")
    @SecurityRequirement(name = BearerAuth.SCHEME)
    @Path("/api/vendors")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @TenantScoped
    public static class Vendors extends Base {
        public Vendors(PartyService parties) {
            super(parties, "vendor");
        }
    }
}
