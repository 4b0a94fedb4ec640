package io.ipsc.web.settings;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.InvoiceLogo;
import io.ipsc.client.model.InvoiceLogoUpload;
import io.ipsc.client.model.InvoicingSettings;
import io.ipsc.web.gateway.Downloads;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.workspace.Visits;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The invoicing settings, at {@code <workspace base>settings/invoicing}: what the tax invoice prints (brand
 * colour, supplier address, UPI ID for the payment QR code, number prefix) and the logo on it. The logo is
 * uploaded here as a file and handed to invoicing-service through the gateway, which judges it (PNG or
 * JPEG by its bytes, size, pixels); the page shows it from this app's own address, so the browser never
 * talks to the gateway. Admins get the forms; other members see the values and the logo.
 */
@Path("/t/{slug}/settings/invoicing")
@Blocking
public class InvoicingSettingsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invoicing(io.ipsc.web.page.Chrome chrome, SettingsTabs tabs, InvoicingForm form,
                                                 Map<String, String> errors, String problem, String notice, Logo logo);
    }

    /** The logo as the page shows it: its description (null: none), its address here, and the upload's refusal. */
    public record Logo(InvoiceLogo current, String src, String problem) {

        /** "240 × 96 px, PNG, 12 KB". */
        public String summary() {
            String type = "image/jpeg".equals(current.getContentType()) ? "JPEG" : "PNG";
            int size = current.getSizeBytes() == null ? 0 : current.getSizeBytes();
            return current.getWidth() + " × " + current.getHeight() + " px, " + type + ", " + Math.max(1, (size + 1023) / 1024) + " KB";
        }
    }

    private final Gateway gateway;
    private final Visits visits;

    InvoicingSettingsPage(Gateway gateway, Visits visits) {
        this.gateway = gateway;
        this.visits = visits;
    }

    @GET
    public TemplateInstance page(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        InvoicingSettings settings = settings(visit);
        return page(visit, InvoicingForm.of(settings), Map.of(), null, null, logo(visit, settings, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> save(@PathParam("slug") String slug, @BeanParam InvoicingForm form,
                                               @CookieParam(SessionCookie.NAME) String sessionId,
                                               @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            InvoicingSettings saved = gateway.invoices().updateInvoicingSettings(slug, form.toChange(), visit.bearer()).getData();
            return RestResponse.ok(page(visit, InvoicingForm.of(saved), Map.of(), null, "The invoicing settings are saved: new PDFs use them.",
                    logo(visit, saved, null)));
        } catch (ApiException e) {
            GatewayError error = SettingsResource.formRefusal(e);
            return PageErrors.withStatus(error.status(), page(visit, form, error.fieldErrors(), SettingsResource.problem(error), null,
                    logo(visit, settings(visit), null)));
        }
    }

    /** The logo's bytes, fetched with the visitor's token; the ETag is the API's, so a browser asks again cheaply. */
    @GET
    @Path("/logo")
    public Response logo(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                         @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        io.ipsc.client.ApiResponse<java.io.File> answer = gateway.invoices().getInvoiceLogoWithHttpInfo(slug, null, visit.bearer());
        byte[] bytes = Downloads.readAndDelete(answer.getData(), "logo");
        String type = header(answer, "content-type");
        Response.ResponseBuilder response = Response.ok(bytes, "image/jpeg".equals(type) ? "image/jpeg" : "image/png")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        String etag = header(answer, "etag");
        return (etag == null ? response : response.header(HttpHeaders.ETAG, etag)).build();
    }

    @POST
    @Path("/logo")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public RestResponse<TemplateInstance> upload(@PathParam("slug") String slug, @RestForm("logo") FileUpload file,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        InvoicingSettings settings = settings(visit);
        if (file == null || file.size() == 0) {
            return PageErrors.withStatus(400, page(visit, InvoicingForm.of(settings), Map.of(), null, null,
                    logo(visit, settings, "Choose a PNG or JPEG file to upload.")));
        }
        try {
            // No content type is passed on: the browser's guess comes from the file's name; the API judges the bytes.
            InvoiceLogo saved = gateway.invoices().uploadInvoiceLogo(slug, new InvoiceLogoUpload().data(bytes(file)), visit.bearer()).getData();
            return RestResponse.ok(page(visit, InvoicingForm.of(settings), Map.of(), null, "The logo is saved (" + saved.getWidth() + " × "
                    + saved.getHeight() + " px): new invoice PDFs print it.", logo(visit, settings(visit), null)));
        } catch (ApiException e) {
            GatewayError error = SettingsResource.formRefusal(e, 413, 415);
            return PageErrors.withStatus(error.status(), page(visit, InvoicingForm.of(settings), Map.of(), null, null,
                    logo(visit, settings, error.message())));
        }
    }

    @POST
    @Path("/logo/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> remove(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.invoices().deleteInvoiceLogo(slug, visit.bearer());
        } catch (ApiException e) {
            // Removed meanwhile (another tab, another admin): what the visitor asked for holds.
            if (GatewayError.of(e).status() != 404) {
                throw e;
            }
        }
        InvoicingSettings settings = settings(visit);
        return RestResponse.ok(page(visit, InvoicingForm.of(settings), Map.of(), null, "The logo is removed: new invoice PDFs print without one.",
                logo(visit, settings, null)));
    }

    private InvoicingSettings settings(Visit visit) throws ApiException {
        return gateway.invoices().getInvoicingSettings(visit.tenant().getSlug(), visit.bearer()).getData();
    }

    private static Logo logo(Visit visit, InvoicingSettings settings, String problem) {
        InvoiceLogo current = settings.getLogo();
        // The ETag in the address: a new logo is a new address, so no browser shows the old one from its cache.
        String src = current == null ? null : visit.workspace().base() + "settings/invoicing/logo?v=" + current.getEtag();
        return new Logo(current, src, problem);
    }

    private static TemplateInstance page(Visit visit, InvoicingForm form, Map<String, String> errors, String problem, String notice, Logo logo) {
        return Templates.invoicing(visit.chrome("Invoicing settings · " + visit.workspace().companyName()), SettingsTabs.of(visit, "invoicing"),
                form, errors, problem, notice, logo);
    }

    private static byte[] bytes(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded logo", e);
        }
    }

    private static String header(io.ipsc.client.ApiResponse<?> answer, String name) {
        List<String> values = answer.getHeaders() == null ? null : answer.getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        return values == null || values.isEmpty() ? null : values.get(0).split(";")[0].trim();
    }
}
