package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.cashflow.Ageing;
import io.ipsc.invoicing.einvoice.EInvoiceService;
import io.ipsc.invoicing.pdf.InvoicePdfService;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;
import java.util.Set;

/** GST invoices: drafts, issuing, payments. */
@Tag(name = "Invoices")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class InvoiceResource {

    private static final Set<String> STATUSES = InvoiceStatus.CODES;

    private static final String PDF = "application/pdf";

    private final InvoiceService invoices;
    private final InvoicePdfService pdfs;
    private final EInvoiceService eInvoices;

    public InvoiceResource(InvoiceService invoices, InvoicePdfService pdfs, EInvoiceService eInvoices) {
        this.invoices = invoices;
        this.pdfs = pdfs;
        this.eInvoices = eInvoices;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_CUSTOMER,UNKNOWN_PRODUCT,QUOTA_EXCEEDED")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createInvoice", summary = "Create a draft invoice")
    public Uni<RestResponse<ApiResponse<InvoiceView>>> create(InvoiceRequest request) {
        return invoices.createDraft(request).map(i -> RestResponse.status(RestResponse.Status.CREATED,
                ApiResponse.ok(i, "Draft invoice " + i.id() + " created")));
    }

    @POST
    @Path("/preview")
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_CUSTOMER,UNKNOWN_PRODUCT")
    @Operation(operationId = "previewInvoice", summary = "Compute an invoice as issuing would, storing nothing",
            description = "The same body as createInvoice; answers each line's taxable value and CGST+SGST or IGST, the totals, the "
                    + "round-off and the total in words. Nothing is written (no invoice, number, stock or quota), so every member may ask.")
    public Uni<ApiResponse<InvoicePreview>> preview(InvoiceRequest request) {
        return invoices.preview(request).map(p -> ApiResponse.ok(p, "Preview: total " + p.total().toPlainString() + " (nothing stored)"));
    }

    @GET
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_FILTER")
    @Operation(operationId = "listInvoices", summary = "List invoices",
            description = "outstanding=true keeps the invoices still owed (issued or partially paid); ageing=0-30|31-60|61-90|90+ keeps "
                    + "those of one ageing bucket of GET /api/cashflow (days past the due date, or the invoice date without one), and "
                    + "implies outstanding.")
    public Uni<ApiResponse<Page<InvoiceView>>> list(@QueryParam("status") String status, @QueryParam("customer_id") Long customerId,
                                                    @QueryParam("outstanding") Boolean outstanding, @QueryParam("ageing") String ageing,
                                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("INVALID_FILTER", "status", "status must be one of " + String.join(", ", STATUSES));
        }
        Ageing bucket = Ageing.parse(ageing);
        boolean owed = bucket != null || Boolean.TRUE.equals(outstanding);
        return invoices.list(new InvoiceService.ListFilter(status, customerId, owed, bucket), PageRequest.of(page, size))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " invoice(s)"));
    }

    @GET
    @Path("/for-party")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_FILTER")
    @Operation(operationId = "listInvoicesForParty", summary = "List the invoices, with their lines, of a customer another module billed",
            description = "external_ref names the module's party as it billed it (dental's patient 5 is dental:patient:5). Lines it "
                    + "billed carry their source_key (dental:treatment:12). Newest first; empty when nothing was billed yet.")
    public Uni<ApiResponse<Page<InvoiceView>>> listForParty(@QueryParam("external_ref") String externalRef, @QueryParam("page") Integer page,
                                                            @QueryParam("size") Integer size) {
        if (externalRef == null || externalRef.isBlank() || externalRef.length() > 100) {
            throw ApiException.badRequest("INVALID_FILTER", "external_ref", "external_ref is required (at most 100 characters), e.g. dental:patient:5");
        }
        return invoices.listForPartyRef(externalRef.trim(), PageRequest.of(page, size)).map(p -> ApiResponse.ok(p, p.totalItems() + " invoice(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getInvoice", summary = "Get an invoice")
    public Uni<ApiResponse<InvoiceView>> get(@PathParam("id") long id) {
        return invoices.get(id).map(i -> ApiResponse.ok(i, "Invoice " + (i.number() == null ? id : i.number())));
    }

    @GET
    @Path("/{id}/pdf")
    @Produces(PDF)
    @Operation(operationId = "getInvoicePdf", summary = "The invoice as a tax invoice PDF (A4; DRAFT or CANCELLED when it is)")
    @APIResponse(responseCode = "200", description = "The tax invoice as CGST Rule 46 asks for it, with a UPI payment QR code when the "
            + "tenant has set its UPI ID and the invoice is unpaid",
            content = @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Uni<RestResponse<byte[]>> pdf(@PathParam("id") long id) {
        return pdfs.render(id).map(rendered -> RestResponse.ResponseBuilder.ok(rendered.pdf(), PDF)
                .header("Content-Disposition", "inline; filename=\"" + rendered.fileName() + "\"")
                .build());
    }

    @GET
    @Path("/{id}/einvoice")
    @Extension(name = ErrorAnswers.CODES, value = "EINVOICE_NOT_APPLICABLE,INVOICE_NOT_ISSUED")
    @Operation(operationId = "getInvoiceEinvoice", summary = "The issued invoice as e-invoice JSON (INV-01 v1.1) for an IRP",
            description = "data is the e-invoice schema's JSON (Version, TranDtls, DocDtls, SellerDtls, BuyerDtls, ItemList, ValDtls, "
                    + "ExpDtls for an export), ready to upload to an Invoice Registration Portal. B2C invoices are refused "
                    + "(EINVOICE_NOT_APPLICABLE), drafts too (INVOICE_NOT_ISSUED).")
    @APIResponse(responseCode = "200", description = "The e-invoice JSON in the envelope", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiResponseMapStringObject"))})
    public Uni<ApiResponse<Map<String, Object>>> einvoice(@PathParam("id") long id) {
        return eInvoices.of(id).map(json -> ApiResponse.ok(json, "E-invoice JSON of invoice " + id));
    }

    @PUT
    @Path("/{id}")
    @Extension(name = ErrorAnswers.CODES, value = "INVOICE_NOT_DRAFT,UNKNOWN_CUSTOMER,UNKNOWN_PRODUCT")
    @Operation(operationId = "updateInvoice", summary = "Update a draft invoice")
    public Uni<ApiResponse<InvoiceView>> update(@PathParam("id") long id, InvoiceRequest request) {
        return invoices.replaceDraft(id, request).map(i -> ApiResponse.ok(i, "Draft invoice " + id + " updated"));
    }

    @DELETE
    @Path("/{id}")
    @Extension(name = ErrorAnswers.CODES, value = "INVOICE_NOT_DRAFT")
    @Operation(operationId = "deleteInvoice", summary = "Delete a draft invoice")
    public Uni<ApiResponse<Void>> delete(@PathParam("id") long id) {
        return invoices.deleteDraft(id).map(v -> ApiResponse.ok(null, "Draft invoice " + id + " deleted"));
    }

    @POST
    @Path("/{id}/issue")
    @Extension(name = ErrorAnswers.CODES, value = "INVOICE_NOT_DRAFT,EMPTY_INVOICE,INSUFFICIENT_STOCK:409")
    @Operation(operationId = "issueInvoice", summary = "Issue a draft invoice")
    public Uni<ApiResponse<InvoiceView>> issue(@PathParam("id") long id) {
        return invoices.issue(id).map(i -> ApiResponse.ok(i, "Invoice " + i.number() + " issued"));
    }

    public record CancelRequest(String reason) {
    }

    /** Issued invoices are never deleted: this cancels one with a credit note. */
    @POST
    @Path("/{id}/cancel")
    @Extension(name = ErrorAnswers.CODES, value = "INVOICE_NOT_CANCELLABLE")
    @Operation(operationId = "cancelInvoice", summary = "Cancel an issued invoice")
    public Uni<ApiResponse<CreditNote>> cancel(@PathParam("id") long id, CancelRequest request) {
        return invoices.cancel(id, request == null ? null : request.reason())
                .map(note -> ApiResponse.ok(note, "Invoice " + id + " cancelled by credit note " + note.creditNoteNumber()));
    }

    @POST
    @Path("/{id}/payments")
    @Extension(name = ErrorAnswers.CODES, value = "INVOICE_NOT_PAYABLE,OVERPAYMENT,QUOTA_EXCEEDED")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "recordInvoicePayment", summary = "Record a payment against an invoice")
    public Uni<RestResponse<ApiResponse<InvoiceView>>> pay(@PathParam("id") long id, PaymentRequest request) {
        return invoices.recordPayment(id, request).map(i -> RestResponse.status(RestResponse.Status.CREATED,
                ApiResponse.ok(i, "Payment recorded; invoice " + i.number() + " is " + i.status())));
    }
}
