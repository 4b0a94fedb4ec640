package io.ipsc.branding.template;

import io.ipsc.branding.theme.BrandingCatalog;
import io.ipsc.branding.theme.BrandingTemplate;
import io.ipsc.branding.theme.Palette;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/branding/templates}: the ready palettes, for anyone (a sign-up page shows them
 * before there is a tenant), so this resource is not tenant-scoped.
 */
@Tag(name = "Branding")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/branding/templates")
@Produces(MediaType.APPLICATION_JSON)
public class BrandingTemplatesResource {

    /** A template as listed: its palette flattened beside its name and organisation type. */
    public record TemplateView(String name, String organizationType, String description, String primaryColor,
                               String secondaryColor, String accentColor, String textColor, String backgroundColor,
                               String fontFamily) {

        static TemplateView of(BrandingTemplate t) {
            Palette p = t.palette();
            return new TemplateView(t.name(), t.organizationType(), t.description(), p.primaryColor(), p.secondaryColor(),
                    p.accentColor(), p.textColor(), p.backgroundColor(), p.fontFamily());
        }
    }

    @GET
    @Extension(name = ErrorAnswers.TENANT_SCOPED, value = "false")
    @Operation(operationId = "listBrandingTemplates", summary = "List the branding templates")
    public ApiResponse<List<TemplateView>> list() {
        List<TemplateView> templates = BrandingCatalog.templates().stream().map(TemplateView::of).toList();
        return ApiResponse.ok(templates, templates.size() + " template(s); apply one with PUT /api/tenants/{slug}/branding {\"template\": \"<name>\"}");
    }
}
