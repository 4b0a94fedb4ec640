package io.ipsc.tenant.cluster;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenant.tenant.TenantAccess;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/** The registry of database clusters tenants are placed on; platform administrators only. HTTP only. */
@Tag(name = "Database clusters")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/database/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClusterResource {

    private final ClusterService service;
    private final TenantAccess access;

    public ClusterResource(ClusterService service, TenantAccess access) {
        this.service = service;
        this.access = access;
    }

    @GET
    @Operation(operationId = "listDatabaseClusters", summary = "List the database clusters, with the tenants placed on each")
    public Uni<ApiResponse<List<ClusterView>>> list() {
        access.requirePlatformAdmin();
        return service.list().map(all -> ApiResponse.ok(all, all.size() + " database cluster(s)"));
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getDatabaseCluster", summary = "Get a database cluster")
    public Uni<ApiResponse<ClusterView>> get(@PathParam("name") String name) {
        access.requirePlatformAdmin();
        return service.get(name).map(c -> ApiResponse.ok(c, "Database cluster '" + name + "'"));
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE_CLUSTER")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createDatabaseCluster", summary = "Register a database cluster (each service needs its credentials by name)")
    public Uni<RestResponse<ApiResponse<ClusterView>>> create(ClusterRequest request) {
        access.requirePlatformAdmin();
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"name\": ..., \"capacity\": ...}");
        }
        return service.create(request).map(c -> RestResponse.status(RestResponse.Status.CREATED,
                ApiResponse.ok(c, "Database cluster '" + c.name() + "' registered")));
    }

    @PUT
    @Path("/{name}")
    @Extension(name = ErrorAnswers.CODES, value = "CLUSTER_CAPACITY_BELOW_TENANTS,CONCURRENT_UPDATE")
    @Operation(operationId = "updateDatabaseCluster", summary = "Change a database cluster's state or capacity")
    public Uni<ApiResponse<ClusterView>> update(@PathParam("name") String name, ClusterRequest request) {
        access.requirePlatformAdmin();
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"state\": ...} and/or {\"capacity\": ...}");
        }
        return service.update(name, request).map(c -> ApiResponse.ok(c, "Database cluster '" + name + "' updated"));
    }
}
