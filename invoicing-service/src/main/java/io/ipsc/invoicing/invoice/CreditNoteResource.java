package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.einvoice.EInvoiceService;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;

/** Credit notes against issued invoices ({@link NoteService}). */
@Tag(name = "Credit notes")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/credit-notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class CreditNoteResource {

    private final NoteEndpoints endpoints;

    public CreditNoteResource(NoteService notes, EInvoiceService eInvoices) {
        this.endpoints = new NoteEndpoints(NoteKind.CREDIT, notes, eInvoices);
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_INVOICE,INVOICE_NOT_ISSUED,QUANTITY_EXCEEDS_SOLD,CREDIT_EXCEEDS_INVOICE")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createCreditNote", summary = "Write a credit note against an issued invoice",
            description = "Takes value off an issued invoice: goods back (a quantity of a line, returned to stock) or a value (a price reduction, a discount after the sale), numbered CN/<year>/<n>. Never more than was sold: 422 QUANTITY_EXCEEDS_SOLD, CREDIT_EXCEEDS_INVOICE.")
    public Uni<RestResponse<ApiResponse<NoteView>>> create(NoteRequest request) {
        return endpoints.create(request);
    }

    @GET
    @Operation(operationId = "listCreditNotes", summary = "List credit notes, newest first", description = "invoice_id keeps one invoice's")
    public Uni<ApiResponse<Page<NoteView>>> list(@QueryParam("invoice_id") Long invoiceId, @QueryParam("page") Integer page,
                                                 @QueryParam("size") Integer size) {
        return endpoints.list(invoiceId, page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCreditNote", summary = "Get a credit note")
    public Uni<ApiResponse<NoteView>> get(@PathParam("id") long id) {
        return endpoints.get(id);
    }

    @GET
    @Path("/{id}/einvoice")
    @Extension(name = ErrorAnswers.CODES, value = "EINVOICE_NOT_APPLICABLE")
    @Operation(operationId = "getCreditNoteEinvoice", summary = "The credit note as e-invoice JSON (INV-01 v1.1, DocDtls.Typ CRN) for an IRP",
            description = "As the invoice's e-invoice, with RefDtls.PrecDocDtls naming the invoice it is on. A note on a B2C invoice is "
                    + "refused (EINVOICE_NOT_APPLICABLE).")
    @APIResponse(responseCode = "200", description = "The e-invoice JSON in the envelope", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiResponseMapStringObject"))})
    public Uni<ApiResponse<Map<String, Object>>> einvoice(@PathParam("id") long id) {
        return endpoints.einvoice(id);
    }
}
