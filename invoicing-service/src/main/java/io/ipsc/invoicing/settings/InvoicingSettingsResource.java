package io.ipsc.invoicing.settings;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The invoicing settings under {@code /api/invoices/settings}: the gateway already routes the
 * {@code invoices} family here, so no new route is needed ({@code settings} is no invoice id).
 */
@Tag(name = "Invoices")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/invoices/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class InvoicingSettingsResource {

    private final InvoicingSettingsService settings;
    private final InvoiceLogoService logos;

    public InvoicingSettingsResource(InvoicingSettingsService settings, InvoiceLogoService logos) {
        this.settings = settings;
        this.logos = logos;
    }

    @GET
    @Operation(operationId = "getInvoicingSettings", summary = "The tenant's invoicing settings (UPI ID, brand colour, prefix, ...)")
    public Uni<ApiResponse<InvoicingSettings>> get() {
        return settings.get().map(s -> ApiResponse.ok(s, "Invoicing settings"));
    }

    @PUT
    @Extension(name = ErrorAnswers.CODES, value = "EMPTY_UPDATE")
    @Operation(operationId = "updateInvoicingSettings", summary = "Change invoicing settings (tenant admins); absent fields stay, \"\" resets one")
    public Uni<ApiResponse<InvoicingSettings>> update(InvoicingSettings.Change change) {
        return settings.change(change).map(s -> ApiResponse.ok(s, "Invoicing settings saved"));
    }

    @PUT
    @Path("/logo")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_LOGO,LOGO_TOO_LARGE,LOGO_UNSUPPORTED_TYPE")
    @Operation(operationId = "uploadInvoiceLogo", summary = "Set the logo printed on the tax invoices (tenant admins)",
            description = "A PNG or JPEG, judged by its bytes and by decoding it, of at most 512 KB and 2000 x 2000 pixels; it replaces "
                    + "the one before. Printed top-left of the invoice's header, scaled to fit its box.")
    public Uni<ApiResponse<InvoiceLogo>> uploadLogo(InvoiceLogo.Upload upload) {
        return logos.replace(upload).map(logo -> ApiResponse.ok(logo, "Invoice logo saved (" + logo.width() + " x " + logo.height() + " px)"));
    }

    @GET
    @Path("/logo")
    // One type here: with several, RESTEasy Reactive picks the writer at run time by the RestResponse rather than the
    // byte[] in it, and writes the array's toString(). The answer names its own type (image/jpeg for a JPEG).
    @Produces("image/png")
    @Extension(name = ErrorAnswers.CODES, value = "LOGO_NOT_SET")
    @Operation(operationId = "getInvoiceLogo", summary = "The logo printed on the tax invoices, as uploaded")
    @APIResponse(responseCode = "200", description = "The image (image/png or image/jpeg), with its ETag",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Uni<RestResponse<byte[]>> logo(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return logos.image().map(logo -> {
            String etag = "\"" + logo.etag() + "\"";
            RestResponse.ResponseBuilder<byte[]> answer = etag.equals(ifNoneMatch)
                    ? RestResponse.ResponseBuilder.create(RestResponse.Status.NOT_MODIFIED)
                    : RestResponse.ResponseBuilder.ok(logo.data(), logo.contentType());
            // Members only, and it changes: a cache may keep it but asks again each time (the ETag makes that cheap).
            return answer.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, "private, no-cache").build();
        });
    }

    @DELETE
    @Path("/logo")
    @Extension(name = ErrorAnswers.CODES, value = "LOGO_NOT_SET")
    @Operation(operationId = "deleteInvoiceLogo", summary = "Remove the logo from the tax invoices (tenant admins)")
    public Uni<ApiResponse<Void>> deleteLogo() {
        return logos.remove().map(x -> ApiResponse.ok(null, "Invoice logo removed: invoices print without one"));
    }
}
