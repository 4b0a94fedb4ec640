package io.ipsc.web.gst;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * GST returns at {@code <workspace base>gst}, for tenants with {@code advanced_reporting}: a month's GSTR-1
 * as invoicing answers it ({@code getGstr1Report}), one table per section, and the answer as a file
 * ({@code gst/gstr1/download?month=&format=json}). The download names its format so that the formats the GST
 * issue adds to the API (the portal's JSON and CSV) are passed through here; today the API answers JSON only.
 */
@Path("/t/{slug}/gst")
@Blocking
public class GstResource {

    static final String FEATURE = "advanced_reporting";
    /** The formats the API gives today; the download refuses others with a 404 page instead of asking. */
    static final Set<String> FORMATS = Set.of("json");
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final ObjectMapper JSON = new ObjectMapper();

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
            Map<String, Object> report = gateway.reports().getGstr1Report(slug, chosen, visit.bearer()).getData();
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

    /** The month's GSTR-1 as a file in {@code format}, as the API answers it. */
    @GET
    @Path("/gstr1/download")
    public Response download(@PathParam("slug") String slug, @RestQuery String month, @RestQuery @DefaultValue("json") String format,
                             @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException, JsonProcessingException {
        Visit visit = visits.of(slug, sessionId, host);
        if (!featureOn(visit)) {
            return withoutFeature(visit).toResponse();
        }
        if (!FORMATS.contains(format)) {
            return PageErrors.page(404, visit.session().user(), "Not found", "GSTR-1 can be downloaded as JSON only, for now.").toResponse();
        }
        Map<String, Object> report = gateway.reports().getGstr1Report(slug, month, visit.bearer()).getData();
        byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report).getBytes(StandardCharsets.UTF_8);
        String name = "gstr1-" + slug + "-" + report.get("month") + "." + format;
        return Response.ok(body, "application/json")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store").build();
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
