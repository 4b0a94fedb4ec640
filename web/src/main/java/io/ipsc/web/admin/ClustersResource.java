package io.ipsc.web.admin;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.ClusterRequest;
import io.ipsc.client.model.ClusterView;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.Forms;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.WebSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's database clusters at {@code /admin/clusters}: each PostgreSQL cluster with its state and how full it
 * is, a form per cluster to open, drain or close it and change its capacity, and one to add a cluster. A tenant is
 * moved between clusters from its own page ({@link TenantInsightsResource#move}).
 */
@Path("/admin/clusters")
@Blocking
public class ClustersResource {

    /** What a finished change says ({@code ?done=}): fixed words, never the address's text. */
    private static final Map<String, String> DONE = Map.of(
            "added", "The cluster was added. Open it once every service has its address.",
            "changed", "The cluster was changed.");
    static final List<String> STATES = List.of("open", "draining", "closed");

    /** A form as typed, with what was wrong with it: the add form's, or one cluster's. */
    public record ClusterForm(String name, String state, String capacity, Map<String, String> errors, String problem) {

        static ClusterForm blank() {
            return new ClusterForm("", "closed", "", Map.of(), null);
        }
    }

    /** One cluster as the page shows it: its figures, and its form (as typed when it was just refused). */
    public record ClusterRow(ClusterView cluster, int percentFull, ClusterForm form) {

        static ClusterRow of(ClusterView c, ClusterForm refused) {
            long tenants = c.getTenants() == null ? 0 : c.getTenants();
            int capacity = c.getCapacity() == null ? 0 : c.getCapacity();
            int percent = capacity == 0 ? 100 : (int) Math.min(100, Math.round(100.0 * tenants / capacity));
            ClusterForm form = refused != null && refused.name().equals(c.getName()) ? refused
                    : new ClusterForm(c.getName(), c.getState(), String.valueOf(capacity), Map.of(), null);
            return new ClusterRow(c, percent, form);
        }

        /** The capacity as the number formatter takes it (the API's is an int). */
        public Long capacity() {
            return cluster.getCapacity() == null ? 0L : cluster.getCapacity().longValue();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance clusters(Chrome chrome, List<ClusterRow> clusters, List<String> states, ClusterForm added, String done);
    }

    private final Gateway gateway;
    private final PlatformAdmins admins;
    private final AccessTokens tokens;

    ClustersResource(Gateway gateway, PlatformAdmins admins, AccessTokens tokens) {
        this.gateway = gateway;
        this.admins = admins;
        this.tokens = tokens;
    }

    @GET
    public TemplateInstance clusters(@QueryParam("done") String done, @CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        WebSession session = admins.require(sessionId);
        return page(session, null, ClusterForm.blank(), done == null ? null : DONE.get(done));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> add(@FormParam("name") String name, @FormParam("state") String state,
                                              @FormParam("capacity") String capacity, @CookieParam(SessionCookie.NAME) String sessionId)
            throws ApiException {
        WebSession session = admins.require(sessionId);
        ClusterForm typed = new ClusterForm(Forms.shown(Forms.text(name)), Forms.shown(Forms.text(state)), Forms.shown(Forms.text(capacity)),
                Map.of(), null);
        Map<String, String> errors = new LinkedHashMap<>();
        ClusterRequest request = new ClusterRequest().name(typed.name().isEmpty() ? null : typed.name().toLowerCase(java.util.Locale.ROOT))
                .state(STATES.contains(typed.state()) ? typed.state() : null).capacity(capacity(errors, typed.capacity()));
        if (typed.name().isEmpty()) {
            errors.put("name", "Name the cluster, as its services' variables do (IPSC_CLUSTERS_<NAME>_HOST)");
        }
        if (request.getState() == null) {
            errors.put("state", "Choose open, draining or closed");
        }
        if (errors.isEmpty()) {
            return Forms.submit(() -> gateway.clusters().createDatabaseCluster(request, bearer(session)), added -> "/admin/clusters?done=added",
                    error -> page(session, null, withErrors(typed, error.fieldErrors(), Forms.problem(error)), null));
        }
        return PageErrors.withStatus(422, page(session, null, withErrors(typed, errors, "The cluster was not added: correct the fields marked."), null));
    }

    @POST
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> change(@PathParam("name") String name, @FormParam("state") String state,
                                                 @FormParam("capacity") String capacity, @CookieParam(SessionCookie.NAME) String sessionId)
            throws ApiException {
        WebSession session = admins.require(sessionId);
        ClusterForm typed = new ClusterForm(name, Forms.shown(Forms.text(state)), Forms.shown(Forms.text(capacity)), Map.of(), null);
        Map<String, String> errors = new LinkedHashMap<>();
        ClusterRequest request = new ClusterRequest().state(STATES.contains(typed.state()) ? typed.state() : null)
                .capacity(capacity(errors, typed.capacity()));
        if (request.getState() == null) {
            errors.put("state", "Choose open, draining or closed");
        }
        if (errors.isEmpty()) {
            return Forms.submit(() -> gateway.clusters().updateDatabaseCluster(name, request, bearer(session)), changed -> "/admin/clusters?done=changed",
                    error -> page(session, withErrors(typed, error.fieldErrors(), Forms.problem(error)), ClusterForm.blank(), null));
        }
        return PageErrors.withStatus(422, page(session, withErrors(typed, errors, "Not changed: correct the fields marked."), ClusterForm.blank(), null));
    }

    private TemplateInstance page(WebSession session, ClusterForm refusedChange, ClusterForm added, String done) throws ApiException {
        List<ClusterView> clusters = gateway.clusters().listDatabaseClusters(bearer(session)).getData();
        List<ClusterRow> rows = (clusters == null ? List.<ClusterView>of() : clusters).stream().map(c -> ClusterRow.of(c, refusedChange)).toList();
        return Templates.clusters(Chrome.of("Database clusters · Operator console", session.user()), rows, STATES, added, done);
    }

    private static ClusterForm withErrors(ClusterForm form, Map<String, String> errors, String problem) {
        return new ClusterForm(form.name(), form.state(), form.capacity(), errors, problem);
    }

    /** A capacity as typed: a whole number from zero; anything else is an error of the form. */
    private static Integer capacity(Map<String, String> errors, String typed) {
        try {
            int value = Integer.parseInt(typed);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // told below, like a negative number
        }
        errors.put("capacity", "How many tenants it may hold: a whole number, 0 or more");
        return null;
    }

    private Map<String, String> bearer(WebSession session) {
        return Gateway.bearer(tokens.current(session));
    }
}
