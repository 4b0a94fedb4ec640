package io.ipsc.web.settings;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.ClinicHours;
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
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;

/**
 * The clinic's hours, at {@code <workspace base>settings/clinic} (tenants with dental_management): its time zone,
 * opening and closing time and closed weekdays, which dental-service's free slots follow. Admins get the form; other
 * members see the values. A tenant without the clinic gets the API's refusal (the tab is not offered to it).
 */
@Path("/t/{slug}/settings/clinic")
@Blocking
public class ClinicSettingsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance clinic(io.ipsc.web.page.Chrome chrome, SettingsTabs tabs, ClinicForm form,
                                              Map<String, String> errors, String problem, String notice);
    }

    private final Gateway gateway;
    private final Visits visits;

    ClinicSettingsPage(Gateway gateway, Visits visits) {
        this.gateway = gateway;
        this.visits = visits;
    }

    @GET
    public TemplateInstance page(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        ClinicHours hours = gateway.appointments().getClinicSettings(slug, visit.bearer()).getData();
        return page(visit, ClinicForm.of(hours), Map.of(), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> save(@PathParam("slug") String slug, @BeanParam ClinicForm form,
                                               @CookieParam(SessionCookie.NAME) String sessionId,
                                               @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            ClinicHours saved = gateway.appointments().updateClinicSettings(slug, form.toHours(), visit.bearer()).getData();
            return RestResponse.ok(page(visit, ClinicForm.of(saved), Map.of(), null,
                    "The clinic's hours are saved: the calendar offers free slots within them."));
        } catch (ApiException e) {
            GatewayError error = SettingsResource.formRefusal(e);
            return PageErrors.withStatus(error.status(), page(visit, form, error.fieldErrors(), SettingsResource.problem(error), null));
        }
    }

    private static TemplateInstance page(Visit visit, ClinicForm form, Map<String, String> errors, String problem, String notice) {
        return Templates.clinic(visit.chrome("Clinic settings · " + visit.workspace().companyName()), SettingsTabs.of(visit, "clinic"),
                form, errors, problem, notice);
    }
}
