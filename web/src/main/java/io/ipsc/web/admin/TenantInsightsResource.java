package io.ipsc.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.client.ApiException;
import io.ipsc.client.model.ApiResponseMapStringObject;
import io.ipsc.client.model.ClusterView;
import io.ipsc.client.model.MoveRequest;
import io.ipsc.client.model.MoveView;
import io.ipsc.client.model.TenantView;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionCookie;
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
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * The parts of a tenant's console page that htmx loads after the page (each asks one or two services,
 * so the page shows at once and says what is still loading): usage, performance, database, security, and the
 * database cluster with its online move.
 * A view the API cannot give is answered 200 with a sentence in its place, since htmx does not swap in
 * an error status and the rest of the page is fine.
 */
// Not under /admin/tenants/{slug}: JAX-RS picks one root resource by its longest matching path, and
// the tenant's page itself (AdminResource) would then be found nowhere.
@Path("/admin/insights/{slug}")
@Blocking
public class TenantInsightsResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The slowest statements shown; the list is PostgreSQL's, slowest first. */
    static final int SLOW_STATEMENTS = 10;
    /** The latest security events shown, and the window they come from. */
    static final int SECURITY_EVENTS = 20;
    static final int SECURITY_HOURS = 24;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance usage(UsageView usage);

        static native TemplateInstance performance(PerformanceView performance);

        static native TemplateInstance database(DatabaseView database);

        static native TemplateInstance security(SecurityView security);

        static native TemplateInstance placement(PlacementView placement);

        static native TemplateInstance unavailable(String what, String reason);
    }

    private final Gateway gateway;
    private final PlatformAdmins admins;
    private final AccessTokens tokens;

    TenantInsightsResource(Gateway gateway, PlatformAdmins admins, AccessTokens tokens) {
        this.gateway = gateway;
        this.admins = admins;
        this.tokens = tokens;
    }

    @GET
    @Path("/usage")
    public TemplateInstance usage(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId) {
        Map<String, String> headers = headers(sessionId);
        try {
            ApiResponseMapStringObject answer = gateway.tenants().getTenantUsage(slug, headers);
            return Templates.usage(UsageView.of(tree(answer), answer.getWarnings()));
        } catch (ApiException e) {
            return unavailable("Usage", e);
        }
    }

    @GET
    @Path("/performance")
    public TemplateInstance performance(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId) {
        Map<String, String> headers = headers(sessionId);
        try {
            return Templates.performance(PerformanceView.of(gateway.suite().getTenantPerformance(slug, headers).getData()));
        } catch (ApiException e) {
            return unavailable("Performance", e);
        }
    }

    @GET
    @Path("/database")
    public TemplateInstance database(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId) {
        Map<String, String> headers = headers(sessionId);
        ApiResponseMapStringObject performance;
        try {
            performance = gateway.operations().getTenantDatabasePerformance(slug, headers);
        } catch (ApiException e) {
            return unavailable("Database figures", e);
        }
        // The slow statements need pg_stat_statements on the server; without it the rest still shows.
        JsonNode statements = null;
        String statementsProblem = null;
        try {
            statements = tree(gateway.operations().listTenantSlowQueries(slug, SLOW_STATEMENTS, headers));
        } catch (ApiException e) {
            statementsProblem = reason(GatewayError.of(e));
        }
        return Templates.database(DatabaseView.of(tree(performance), performance.getWarnings(), statements, statementsProblem));
    }

    @GET
    @Path("/security")
    public TemplateInstance security(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId) {
        Map<String, String> headers = headers(sessionId);
        try {
            return Templates.security(SecurityView.of(tree(gateway.operations().getSecurityMetrics(slug, SECURITY_HOURS, SECURITY_EVENTS,
                    headers))));
        } catch (ApiException e) {
            return unavailable("Security figures", e);
        }
    }

    @GET
    @Path("/placement")
    public TemplateInstance placement(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId) {
        return placement(slug, headers(sessionId), null, null);
    }

    /**
     * Starts moving the tenant's databases to another cluster (tenant-service answers 202 at once; the services copy
     * and switch while the tenant keeps working) and answers the section again, which then follows the move. A refusal
     * (the cluster closed meanwhile, a move already under way) is said in the section with the API's own sentence.
     */
    @POST
    @Path("/placement/move")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance move(@PathParam("slug") String slug, @FormParam("to_cluster") String toCluster,
                                 @CookieParam(SessionCookie.NAME) String sessionId) {
        Map<String, String> headers = headers(sessionId);
        if (toCluster == null || toCluster.isBlank()) {
            return placement(slug, headers, "Choose the cluster to move it to. Nothing was moved.", null);
        }
        try {
            gateway.tenants().moveTenant(slug, new MoveRequest().toCluster(toCluster.strip()), headers);
        } catch (ApiException e) {
            String reason = reason(GatewayError.of(e));
            return placement(slug, headers, reason + (reason.endsWith(".") ? "" : ".") + " Nothing was moved.", null);
        }
        return placement(slug, headers, null, "The move to " + toCluster.strip() + " has started. The organisation keeps working while its"
                + " databases are copied; its writes pause for about a second at the switch.");
    }

    private TemplateInstance placement(String slug, Map<String, String> headers, String problem, String done) {
        try {
            TenantView tenant = gateway.tenants().getTenant(slug, headers).getData();
            List<MoveView> moves = gateway.tenants().listTenantMoves(slug, headers).getData();
            List<ClusterView> clusters = gateway.clusters().listDatabaseClusters(headers).getData();
            return Templates.placement(PlacementView.of(tenant, moves == null ? List.of() : moves, clusters == null ? List.of() : clusters,
                    problem, done));
        } catch (ApiException e) {
            return unavailable("The database cluster", e);
        }
    }

    private Map<String, String> headers(String sessionId) {
        return Gateway.bearer(tokens.current(admins.require(sessionId)));
    }

    private static JsonNode tree(ApiResponseMapStringObject answer) {
        return JSON.valueToTree(answer.getData() == null ? Map.of() : answer.getData());
    }

    private static TemplateInstance unavailable(String what, ApiException e) {
        return Templates.unavailable(what, reason(GatewayError.of(e)));
    }

    /** The API's own sentence when it gave one (it is written for people); fixed words when it did not answer. */
    private static String reason(GatewayError error) {
        if (error.unreachable() || error.status() >= 500 && error.status() != 503 || error.message() == null || error.message().isBlank()) {
            return "The service did not answer. Reload the page to try again.";
        }
        return error.message();
    }
}
