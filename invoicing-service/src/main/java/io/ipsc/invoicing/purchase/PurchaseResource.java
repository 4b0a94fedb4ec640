package io.ipsc.invoicing.purchase;

import io.ipsc.invoicing.cashflow.Ageing;
import io.ipsc.invoicing.invoice.PaymentRequest;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * Purchases: a vendor's bill with input GST (CGST and SGST when the vendor is in the tenant's
 * state, IGST otherwise), stock in for its product lines (with inventory management), and payments
 * made against it. Recorded in one transaction.
 */
@Tag(name = "Purchases")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/purchases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class PurchaseResource {

    private final PurchaseService purchases;

    public PurchaseResource(PurchaseService purchases) {
        this.purchases = purchases;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_VENDOR,UNKNOWN_PRODUCT,DUPLICATE_BILL,QUOTA_EXCEEDED")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "recordPurchase", summary = "Record a purchase")
    public Uni<RestResponse<ApiResponse<PurchaseView>>> record(PurchaseRequest r) {
        return purchases.record(r).map(p -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(p, "Purchase " + p.id() + " recorded")));
    }

    @GET
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_FILTER")
    @Operation(operationId = "listPurchases", summary = "List purchases",
            description = "ageing=0-30|31-60|61-90|90+ keeps the purchases still owed (received or partially paid) of one ageing "
                    + "bucket of GET /api/cashflow's payables (days past the due date, or the bill date without one).")
    public Uni<ApiResponse<Page<PurchaseView>>> list(@QueryParam("ageing") String ageing, @QueryParam("page") Integer page,
                                                     @QueryParam("size") Integer size) {
        return purchases.list(Ageing.parse(ageing), PageRequest.of(page, size)).map(p -> ApiResponse.ok(p, p.totalItems() + " purchase(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPurchase", summary = "Get a purchase")
    public Uni<ApiResponse<PurchaseView>> get(@PathParam("id") long id) {
        return purchases.get(id).map(p -> ApiResponse.ok(p, "Purchase " + id));
    }

    @POST
    @Path("/{id}/payments")
    @Extension(name = ErrorAnswers.CODES, value = "OVERPAYMENT")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "recordPurchasePayment", summary = "Record a payment against a purchase")
    public Uni<RestResponse<ApiResponse<PurchaseView>>> pay(@PathParam("id") long id, PaymentRequest r) {
        return purchases.pay(id, r).map(p -> RestResponse.status(RestResponse.Status.CREATED,
                ApiResponse.ok(p, "Payment recorded; purchase " + id + " is " + p.status())));
    }
}
