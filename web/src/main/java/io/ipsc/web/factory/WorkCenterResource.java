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
 * the hours available, both per day as manufacturing-service computes them; a form adds a work center.
 */
@Path("/t/{slug}/work-centers")
@Blocking
public class WorkCenterResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance workCenters(Chrome chrome, String base, List<Row> rows, Chart load, String from, String to,
                                                   String loadProblem, Map<String, String> form, Map<String, String> errors,
                                                   String problem, String notice, boolean mayWrite);
    }

    /** A work center with its load over the days shown. */
    public record Row(String name, String capacity, String efficiency, String hourlyCost, String booked, String available,
                      int overloadedDays) {
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
        return page(visits.of(slug, sessionId, host), FactoryForms.blankAsNull(from), FactoryForms.blankAsNull(to), Map.of(), Map.of(),
                null, "created".equals(done) ? "The work center is added." : null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@PathParam("slug") String slug, @RestForm String name, @RestForm String description,
                                                 @RestForm String capacity, @RestForm String efficiency,
                                                 @RestForm("hourly_cost") String hourlyCost,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        WorkCenterRequest request = new WorkCenterRequest().name(FactoryForms.blankAsNull(name))
                .description(FactoryForms.blankAsNull(description)).capacity(FactoryForms.number(capacity))
                .efficiency(FactoryForms.number(efficiency)).hourlyCost(FactoryForms.number(hourlyCost));
        try {
            gateway.workCenters().createWorkCenter(slug, request, visit.bearer());
            return RestResponse.seeOther(URI.create(visit.workspace().base() + "work-centers?done=created#main"));
        } catch (ApiException e) {
            GatewayError error = FactoryForms.formRefusal(e);
            return PageErrors.withStatus(error.status(), page(visit, null, null, FactoryForms.typed("name", name, "description", description,
                    "capacity", capacity, "efficiency", efficiency, "hourly_cost", hourlyCost), error.fieldErrors(), error.message(), null));
        }
    }

    private TemplateInstance page(Visit visit, String from, String to, Map<String, String> form, Map<String, String> errors,
                                  String problem, String notice) throws ApiException {
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
            rows.add(new Row(Objects.toString(w.getName(), "#" + w.getId()), FactoryForms.plain(w.getCapacity()),
                    FactoryForms.plain(w.getEfficiency()), IndianFormats.rupees(w.getHourlyCost()),
                    load == null ? "—" : FactoryForms.plain(total(days, Day::getScheduledHours)),
                    load == null ? "—" : FactoryForms.plain(total(days, Day::getCapacityHours)),
                    (int) days.stream().filter(d -> Boolean.TRUE.equals(d.getOverloaded())).count()));
        }
        Chart chart = Chart.bars("hours", labels, series);
        return Templates.workCenters(visit.chrome("Work centers · " + visit.workspace().companyName()), visit.workspace().base(), rows,
                chart, Objects.toString(shownFrom, ""), Objects.toString(shownTo, ""), loadProblem, form, errors, problem, notice,
                visit.workspace().mayWrite());
    }

    /** The days' hours added up, for the table beside the chart (the days themselves are the API's). */
    private static BigDecimal total(List<Day> days, java.util.function.Function<Day, BigDecimal> hours) {
        return days.stream().map(hours).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
