package io.ipsc.invoicing.settings;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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

    public InvoicingSettingsResource(InvoicingSettingsService settings) {
        this.settings = settings;
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
}
