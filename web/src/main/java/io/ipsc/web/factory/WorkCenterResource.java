package io.ipsc.web.factory;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.Day;
import io.ipsc.client.model.WorkCenter;
import io.ipsc.client.model.WorkCenterLoad;
import io.ipsc.client.model.WorkCenterRequest;
import io.ipsc.web.chart.Chart;
import io.ipsc.web.format.IndianFormats;
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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Work centers, at {@code <workspace base>work-centers}: each with its capacity, and their load over some days
 * (by default the API's: the next 14) as a chart of the hours booked by released and started orders against
 * the hours available, both per day as manufacturing-service computes them; a form adds a work center, and each
 * one's form changes it (staff and above) or removes it (managers and above; the API refuses while anything uses it).
 */
@Path("/t/{slug}/work-centers")
@Blocking
public class WorkCenterResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance workCenters(Chrome chrome, String base, List<Row> rows, Chart load, String from, String to,
                                                   String loadProblem, FormState edit, String notice, boolean mayWrite, boolean mayRemove);
    }

    /** A work center with its load over the days shown, and its fields as its form shows them. */
    public record Row(Long id, String name, String description, String capacity, String efficiency, String hourlyCost,
                      String hourlyCostTyped, String booked, String available, int overloadedDays) {

        /** Where its form's refusal is shown, and its anchor. */
        public String key() {
            return "work-center-" + id;
        }
    }

    private final Gateway gateway;
    private final Visits visits;

    WorkCenterResource(Gateway gateway, Visits visits) {
        this.gateway = gateway;
        this.visits = visits;
    }

    @GET
    public TemplateInstance list(@PathParam("slug") String slug, @RestQuery String from, @RestQuery String to, @RestQuery String done,
                                 @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        return page(visits.of(slug, sessionId, host), FactoryForms.blankAsNull(from), FactoryForms.blankAsNull(to), FormState.none(),
                notice(done));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@PathParam("slug") String slug, @RestForm String name, @RestForm String description,
                                                 @RestForm String capacity, @RestForm String efficiency,
                                                 @RestForm("hourly_cost") String hourlyCost,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.workCenters().createWorkCenter(slug, request(name, description, capacity, efficiency, hourlyCost), visit.bearer());
            return done(visit, null, null, "created");
        } catch (ApiException e) {
            return refused(visit, null, null, e, "new", FactoryForms.typed("name", name, "description", description,
                    "capacity", capacity, "efficiency", efficiency, "hourly_cost", hourlyCost));
        }
    }

    /** Changes a work center's name, description, capacity, efficiency and hourly cost; its load is recomputed by the API at once. */
    @POST
    @Path("/{id:\\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> change(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String name,
                                                 @RestForm String description, @RestForm String capacity, @RestForm String efficiency,
                                                 @RestForm("hourly_cost") String hourlyCost, @RestForm String from, @RestForm String to,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.workCenters().updateWorkCenter(slug, id, request(name, description, capacity, efficiency, hourlyCost), visit.bearer());
            return done(visit, from, to, "changed");
        } catch (ApiException e) {
            return refused(visit, from, to, e, "work-center-" + id, FactoryForms.typed("name", name, "description", description,
                    "capacity", capacity, "efficiency", efficiency, "hourly_cost", hourlyCost));
        }
    }

    /** Removes a work center nothing uses; while a BOM's operation or an order's schedule uses it, the API's 409 says so at its form. */
    @POST
    @Path("/{id:\\d+}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> remove(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String from,
                                                 @RestForm String to, @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.workCenters().deleteWorkCenter(slug, id, visit.bearer());
            return done(visit, from, to, "removed");
        } catch (ApiException e) {
            return refused(visit, from, to, e, "work-center-" + id, Map.of());
        }
    }

    private RestResponse<TemplateInstance> refused(Visit visit, String from, String to, ApiException e, String at, Map<String, String> typed)
            throws ApiException {
        GatewayError error = FactoryForms.formRefusal(e);
        return PageErrors.withStatus(error.status(), page(visit, FactoryForms.blankAsNull(from), FactoryForms.blankAsNull(to),
                new FormState(at, typed, error.fieldErrors(), error.message()), null));
    }

    private static WorkCenterRequest request(String name, String description, String capacity, String efficiency, String hourlyCost) {
        return new WorkCenterRequest().name(FactoryForms.blankAsNull(name)).description(FactoryForms.blankAsNull(description))
                .capacity(FactoryForms.number(capacity)).efficiency(FactoryForms.number(efficiency)).hourlyCost(FactoryForms.number(hourlyCost));
    }

    /** Back to the page at its top, over the same days, so the load chart shows what the change did. */
    private static RestResponse<TemplateInstance> done(Visit visit, String from, String to, String what) {
        StringBuilder query = new StringBuilder();
        if (FactoryForms.date(from) != null) {
            query.append("from=").append(FactoryForms.date(from)).append('&');
        }
        if (FactoryForms.date(to) != null) {
            query.append("to=").append(FactoryForms.date(to)).append('&');
        }
        return RestResponse.seeOther(URI.create(visit.workspace().base() + "work-centers?" + query + "done=" + what + "#main"));
    }

    private static String notice(String done) {
        return done == null ? null : switch (done) {
            case "created" -> "The work center is added.";
            case "changed" -> "The work center is changed.";
            case "removed" -> "The work center is removed.";
            default -> null;
        };
    }

    private TemplateInstance page(Visit visit, String from, String to, FormState edit, String notice) throws ApiException {
        String slug = visit.tenant().getSlug();
        List<WorkCenter> centers = gateway.workCenters().listWorkCenters(slug, 1, FactoryForms.CHOICES, visit.bearer()).getData().getItems();
        List<Row> rows = new ArrayList<>();
        List<String> labels = List.of();
        List<Chart.Series> series = new ArrayList<>();
        String loadProblem = null;
        String shownFrom = from;
        String shownTo = to;
        for (WorkCenter w : centers == null ? List.<WorkCenter>of() : centers) {
            WorkCenterLoad load = null;
            if (loadProblem == null) {
                try {
                    load = gateway.workCenters().getWorkCenterLoad(slug, w.getId(), from, to, visit.bearer()).getData();
                } catch (ApiException e) {
                    // Dates the API cannot use (the wrong way round, over a year): said at the dates, the list still shows.
                    loadProblem = FactoryForms.formRefusal(e).message();
                }
            }
            List<Day> days = load == null || load.getDays() == null ? List.of() : load.getDays();
            if (load != null) {
                labels = days.stream().map(d -> IndianFormats.date(d.getDate())).toList();
                shownFrom = Objects.toString(load.getFrom(), from);
                shownTo = Objects.toString(load.getTo(), to);
                series.add(Chart.Series.of(w.getName() + ": booked", days.stream().map(Day::getScheduledHours).toList()));
                series.add(new Chart.Series(w.getName() + ": capacity", "line", days.stream().map(Day::getCapacityHours).toList()));
            }
            rows.add(new Row(w.getId(), Objects.toString(w.getName(), "#" + w.getId()), Objects.toString(w.getDescription(), ""),
                    FactoryForms.plain(w.getCapacity()), FactoryForms.plain(w.getEfficiency()), IndianFormats.rupees(w.getHourlyCost()),
                    FactoryForms.plain(w.getHourlyCost()),
                    load == null ? "—" : FactoryForms.plain(total(days, Day::getScheduledHours)),
                    load == null ? "—" : FactoryForms.plain(total(days, Day::getCapacityHours)),
                    (int) days.stream().filter(d -> Boolean.TRUE.equals(d.getOverloaded())).count()));
        }
        Chart chart = Chart.bars("hours", labels, series);
        return Templates.workCenters(visit.chrome("Work centers · " + visit.workspace().companyName()), visit.workspace().base(), rows,
                chart, Objects.toString(shownFrom, ""), Objects.toString(shownTo, ""), loadProblem, edit, notice,
                visit.workspace().mayWrite(), visit.workspace().role().mayManage());
    }

    /** The days' hours added up, for the table beside the chart (the days themselves are the API's). */
    private static BigDecimal total(List<Day> days, java.util.function.Function<Day, BigDecimal> hours) {
        return days.stream().map(hours).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
