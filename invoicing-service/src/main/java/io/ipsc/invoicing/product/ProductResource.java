package io.ipsc.invoicing.product;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
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

/** The tenant's catalogue: create, read, update, archive, search and page through products. */
@Tag(name = "Products")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class ProductResource {

    private final ProductService products;

    public ProductResource(ProductService products) {
        this.products = products;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE_SKU,QUOTA_EXCEEDED")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createProduct", summary = "Create a product")
    public Uni<RestResponse<ApiResponse<ProductView>>> create(ProductRequest r) {
        return products.create(r).map(p -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(p, "Product '" + p.sku() + "' created")));
    }

    @GET
    @Operation(operationId = "listProducts", summary = "List products")
    public Uni<ApiResponse<Page<ProductView>>> list(@QueryParam("search") String search, @QueryParam("include_archived") boolean includeArchived,
                                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return products.list(search, includeArchived, PageRequest.of(page, size)).map(p -> ApiResponse.ok(p, p.totalItems() + " product(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getProduct", summary = "Get a product")
    public Uni<ApiResponse<ProductView>> get(@PathParam("id") long id) {
        return products.get(id).map(p -> ApiResponse.ok(p, "Product " + id));
    }

    @PUT
    @Path("/{id}")
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE_SKU")
    @Operation(operationId = "updateProduct", summary = "Update a product")
    public Uni<ApiResponse<ProductView>> update(@PathParam("id") long id, ProductRequest r) {
        return products.update(id, r).map(p -> ApiResponse.ok(p, "Product " + id + " updated"));
    }

    /** Archived, not deleted: invoices that name the product keep their meaning. */
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "archiveProduct", summary = "Archive a product")
    public Uni<ApiResponse<ProductView>> archive(@PathParam("id") long id) {
        return products.archive(id).map(p -> ApiResponse.ok(p, "Product " + id + " archived"));
    }
}
