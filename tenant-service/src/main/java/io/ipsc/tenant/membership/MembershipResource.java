package io.ipsc.tenant.membership;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.outbox.OutboxRelay;
import io.ipsc.tenant.tenant.TenantAccess;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
import org.jboss.resteasy.reactive.RestResponse;

/** A tenant's members: its admins (or platform admins) manage them; any member may list them. */
@Path("/api/tenants/{slug}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MembershipResource {

    private final MembershipService service;
    private final TenantAccess access;
    private final OutboxRelay relay;

    public MembershipResource(MembershipService service, TenantAccess access, OutboxRelay relay) {
        this.service = service;
        this.access = access;
        this.relay = relay;
    }

    @POST
    @WithSession
    public Uni<RestResponse<ApiResponse<MembershipView>>> add(@PathParam("slug") String slug, MembershipService.AddMemberRequest request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"user_id\": ..., \"role\": ...}");
        }
        return access.requireRole(slug, Role.ADMIN).flatMap(t -> service.add(t, request)).invoke(relay::wakeUp)
                .map(m -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok(m, "User " + m.userId() + " added to '" + slug + "' as " + m.role())));
    }

    @GET
    @WithSession
    public Uni<ApiResponse<Page<MembershipView>>> list(@PathParam("slug") String slug,
                                                       @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return access.requireRole(slug, Role.VIEWER).flatMap(t -> service.list(t, request))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " member(s) of '" + slug + "'"));
    }

    @PUT
    @Path("/{userId}")
    @WithSession
    public Uni<ApiResponse<MembershipView>> changeRole(@PathParam("slug") String slug, @PathParam("userId") long userId,
                                                      MembershipService.ChangeRoleRequest request) {
        return access.requireRole(slug, Role.ADMIN).flatMap(t -> service.changeRole(t, userId, request)).invoke(relay::wakeUp)
                .map(m -> ApiResponse.ok(m, "User " + userId + " is now " + m.role() + " of '" + slug + "'"));
    }

    @DELETE
    @Path("/{userId}")
    @WithSession
    public Uni<ApiResponse<Void>> remove(@PathParam("slug") String slug, @PathParam("userId") long userId) {
        return access.requireRole(slug, Role.ADMIN).flatMap(t -> service.remove(t, userId)).invoke(relay::wakeUp)
                .map(v -> ApiResponse.ok(null, "User " + userId + " removed from '" + slug + "'"));
    }
}
