package io.ipsc.web.gst;

import io.ipsc.client.ApiException;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.workspace.Visits;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * GST returns at {@code <workspace base>gst}, for tenants with {@code advanced_reporting}: a month's GSTR-1
 * as invoicing answers it ({@code getGstr1Report}), one table per section, and the files the GST portal's offline
 * tool imports as invoicing writes them ({@code exportGstr1}): {@code gst/gstr1/download?month=&format=json}, and
 * {@code &format=csv&section=b2cl} for one section's CSV. Nothing is added up or laid out here.
 */
@Path("/t/{slug}/gst")
@Blocking
public class GstResource {

    static final String FEATURE = "advanced_reporting";
    /** The formats the API gives; the download refuses others with a 404 page instead of asking. */
    static final Map<String, String> FORMATS = Map.of("json", "application/json", "csv", "text/csv; charset=UTF-8");
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("MMyyyy");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance gstr1(Chrome chrome, String base, String month, Gstr1View report, String problem);
    }

    private final Gateway gateway;
    private final Visits visits;

    GstResource(Gateway gateway, Visits visits) {
        this.gateway = gateway;
        this.visits = visits;
    }

    @GET
    public RestResponse<TemplateInstance> gstr1(@PathParam("slug") String slug, @RestQuery String month,
                                                @CookieParam(SessionCookie.NAME) String sessionId,
                                                @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        if (!featureOn(visit)) {
            return withoutFeature(visit);
        }
        // Returns are filed for the month gone by: that is what the page opens on.
        String chosen = month == null || month.isBlank() ? YearMonth.now(IST).minusMonths(1).toString() : month.trim();
        Chrome chrome = visit.chrome("GST returns · " + visit.workspace().companyName());
        String base = visit.workspace().base();
        try {
            Map<String, Object> report = gateway.reports().getGstr1Report(slug, null, chosen, null, visit.bearer()).getData();
            return RestResponse.ok(Templates.gstr1(chrome, base, chosen, Gstr1View.of(report), null));
        } catch (ApiException e) {
            GatewayError error = GatewayError.of(e);
            if (error.status() != 400) {
                throw e;
            }
            // A month the API cannot read: its words at the month field, the form kept.
            return PageErrors.withStatus(400, Templates.gstr1(chrome, base, chosen, null, error.message()));
        }
    }

    /** The month's GSTR-1 as the portal's file in {@code format} (a CSV is one {@code section}), as the API writes it. */
    @GET
    @Path("/gstr1/download")
    public Response download(@PathParam("slug") String slug, @RestQuery String month, @RestQuery @DefaultValue("json") String format,
                             @RestQuery String section, @CookieParam(SessionCookie.NAME) String sessionId,
                             @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        if (!featureOn(visit)) {
            return withoutFeature(visit).toResponse();
        }
        YearMonth period = period(month);
        if (!FORMATS.containsKey(format) || period == null) {
            return PageErrors.page(404, visit.session().user(), "Not found",
                    "GSTR-1 can be downloaded for a month (2024-06) as the GST portal's JSON, or one section as CSV.").toResponse();
        }
        File file;
        try {
            file = gateway.reports().exportGstr1(slug, format, period.toString(), "csv".equals(format) ? section : null, visit.bearer());
        } catch (ApiException e) {
            GatewayError error = GatewayError.of(e);
            if (error.status() != 400) {
                throw e;
            }
            // A section the month does not have (hsn_b2b before May 2025, say): the API's words.
            return PageErrors.page(404, visit.session().user(), "Not found", error.message()).toResponse();
        }
        byte[] body;
        try {
            body = Files.readAllBytes(file.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the downloaded GSTR-1", e);
        } finally {
            // The client leaves each download in a temporary file: gone once read.
            file.delete();
        }
        String name = "GSTR1_" + period.format(PERIOD) + ("csv".equals(format) ? "_" + section : "") + "." + format;
        return Response.ok(body, FORMATS.get(format))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store").build();
    }

    private static YearMonth period(String month) {
        try {
            return month == null ? null : YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean featureOn(Visit visit) {
        return visit.tenant().getFeatures() != null && Boolean.TRUE.equals(visit.tenant().getFeatures().get(FEATURE));
    }

    /** The API would refuse too (FEATURE_DISABLED); the page says why in words a member can act on. */
    private static RestResponse<TemplateInstance> withoutFeature(Visit visit) {
        return PageErrors.page(403, visit.session().user(), "GST returns are not switched on",
                "GST returns come with the advanced reporting feature, which " + visit.workspace().companyName()
                        + " does not have. An administrator can switch it on in Settings, under Features, when the plan includes it.");
    }
}
