package io.ipsc.web.admin;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.PlanLimits;
import io.ipsc.client.model.SubscriptionRequest;
import io.ipsc.client.model.TenantConfig;
import io.ipsc.client.model.TenantView;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.WebSession;
import io.ipsc.web.setup.OrganisationType;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The operator console at {@code /admin}, for platform admins: the tenants (search, filters, pages),
 * each tenant's page (provisioning per service with a retry, suspend / reactivate / delete behind a
 * confirmation page, the plan) and the suite's health. A tenant's usage, performance, database and
 * security views are htmx fragments of {@link TenantInsightsResource} ({@code /admin/insights/{slug}/...}).
 */
@Path("/admin")
@Blocking
public class AdminResource {

    /** What a finished action says on the tenant's page ({@code ?done=}): fixed words, never the address's text. */
    private static final Map<String, String> DONE = Map.of(
            "suspended", "Suspended. Its members now see a page saying the organisation is suspended.",
            "reactivated", "Reactivated. Its members can work in it again.",
            "retried", "Provisioning requested again: each service that failed tries once more.",
            "plan", "The plan was changed.");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tenants(Chrome chrome, TenantQuery query, TenantList list, List<OrganisationType> types,
                                               List<String> statuses, List<String> plans, String deleted);

        static native TemplateInstance tenantList(TenantQuery query, TenantList list);

        static native TemplateInstance tenant(Chrome chrome, TenantSummary tenant, TenantView details, List<ServiceProvisioning> services,
                                              boolean anyFailed, String planNow, List<String> contact, List<String> features, List<TenantAction> actions,
                                              List<String> plans, PlanForm planForm, Map<String, String> planErrors, String planProblem,
                                              String done);

        static native TemplateInstance confirm(Chrome chrome, TenantSummary tenant, TenantAction action, String problem);

        static native TemplateInstance health(Chrome chrome, HealthView health);
    }

    /** The plan form as typed: limits left empty take the plan's defaults (when the plan changes) or stay. */
    public record PlanForm(String plan, String maxUsers, String maxProducts, String maxTransactionsPerMonth) {

        static PlanForm of(PlanLimits limits) {
            return limits == null ? new PlanForm(null, "", "", "")
                    : new PlanForm(limits.getPlan(), text(limits.getMaxUsers()), text(limits.getMaxProducts()),
                    text(limits.getMaxTransactionsPerMonth()));
        }

        private static String text(Integer value) {
            return value == null ? "" : value.toString();
        }
    }

    private final Gateway gateway;
    private final PlatformAdmins admins;
    private final AccessTokens tokens;

    AdminResource(Gateway gateway, PlatformAdmins admins, AccessTokens tokens) {
        this.gateway = gateway;
        this.admins = admins;
        this.tokens = tokens;
    }

    /**
     * The tenant list. An htmx request from the filter form gets only the results (the form stays as
     * typed); a history restore or a plain visit gets the whole page.
     */
    @GET
    public TemplateInstance tenants(@BeanParam TenantQuery query, @QueryParam("deleted") String deleted,
                                    @CookieParam(SessionCookie.NAME) String sessionId,
                                    @HeaderParam("HX-Request") String htmx, @HeaderParam("HX-History-Restore-Request") String restore)
            throws ApiException {
        WebSession session = admins.require(sessionId);
        TenantList list = TenantList.of(gateway.tenants().listTenants(query.type(), query.page(), query.plan(), query.search(),
                TenantQuery.PAGE_SIZE, query.status(), bearer(session)).getData());
        if ("true".equals(htmx) && !"true".equals(restore)) {
            return Templates.tenantList(query, list);
        }
        return Templates.tenants(Chrome.of("Operator console", session.user()), query, list, OrganisationType.ALL,
                TenantQuery.STATUSES, TenantQuery.PLANS, deleted);
    }

    @GET
    @Path("/health")
    public TemplateInstance health(@CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        WebSession session = admins.require(sessionId);
        Map<String, String> headers = bearer(session);
        return Templates.health(Chrome.of("System health", session.user()),
                HealthView.of(gateway.suite().getDetailedHealth(headers).getData(), gateway.suite().getSystemStatus(headers).getData()));
    }

    @GET
    @Path("/tenants/{slug}")
    public TemplateInstance tenant(@PathParam("slug") String slug, @QueryParam("done") String done,
                                   @CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        WebSession session = admins.require(sessionId);
        TenantView tenant = gateway.tenants().getTenant(slug, bearer(session)).getData();
        return tenantPage(session, tenant, PlanForm.of(tenant.getSubscription()), Map.of(), null, done == null ? null : DONE.get(done));
    }

    @POST
    @Path("/tenants/{slug}/retry")
    public RestResponse<Object> retry(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        WebSession session = admins.require(sessionId);
        gateway.tenants().retryTenantProvisioning(slug, bearer(session));
        return backToTenant(slug, "retried");
    }

    @POST
    @Path("/tenants/{slug}/plan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> changePlan(@PathParam("slug") String slug, @FormParam("plan") String plan,
                                                     @FormParam("max_users") String maxUsers, @FormParam("max_products") String maxProducts,
                                                     @FormParam("max_transactions_per_month") String maxTransactions,
                                                     @CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        WebSession session = admins.require(sessionId);
        PlanForm form = new PlanForm(plan, blankToEmpty(maxUsers), blankToEmpty(maxProducts), blankToEmpty(maxTransactions));
        Map<String, String> errors = new LinkedHashMap<>();
        SubscriptionRequest request = new SubscriptionRequest()
                .plan(plan != null && TenantQuery.PLANS.contains(plan) ? plan : null)
                .maxUsers(limit(errors, "max_users", form.maxUsers()))
                .maxProducts(limit(errors, "max_products", form.maxProducts()))
                .maxTransactionsPerMonth(limit(errors, "max_transactions_per_month", form.maxTransactionsPerMonth()));
        if (request.getPlan() == null) {
            errors.put("plan", "Choose one of the plans");
        }
        if (errors.isEmpty()) {
            try {
                gateway.tenants().updateTenantSubscription(slug, request, bearer(session));
                return RestResponse.seeOther(tenantHref(slug, "plan"));
            } catch (ApiException e) {
                GatewayError error = GatewayError.of(e);
                if (error.status() != 400 && error.status() != 409 && error.status() != 422) {
                    throw e;
                }
                errors.putAll(error.fieldErrors());
                TenantView tenant = gateway.tenants().getTenant(slug, bearer(session)).getData();
                return PageErrors.withStatus(error.status(), tenantPage(session, tenant, form, errors,
                        error.fieldErrors().isEmpty() ? error.message() : "The plan was not changed: correct the fields marked.", null));
            }
        }
        TenantView tenant = gateway.tenants().getTenant(slug, bearer(session)).getData();
        return PageErrors.withStatus(422, tenantPage(session, tenant, form, errors, "The plan was not changed: correct the fields marked.", null));
    }

    /** The confirmation page of suspend, reactivate or delete: nothing happens before its button is pressed. */
    @GET
    @Path("/tenants/{slug}/{action: suspend|reactivate|delete}")
    public TemplateInstance confirm(@PathParam("slug") String slug, @PathParam("action") String action,
                                    @CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        WebSession session = admins.require(sessionId);
        TenantAction what = TenantAction.of(action).orElseThrow();
        TenantSummary tenant = TenantSummary.of(gateway.tenants().getTenant(slug, bearer(session)).getData());
        return confirmPage(session, tenant, what, null);
    }

    @POST
    @Path("/tenants/{slug}/{action: suspend|reactivate|delete}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> act(@PathParam("slug") String slug, @PathParam("action") String action,
                                              @FormParam("confirm_slug") String typedSlug,
                                              @CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        WebSession session = admins.require(sessionId);
        TenantAction what = TenantAction.of(action).orElseThrow();
        Map<String, String> headers = bearer(session);
        if (what.typeSlug() && !slug.equals(typedSlug == null ? null : typedSlug.strip())) {
            TenantSummary tenant = TenantSummary.of(gateway.tenants().getTenant(slug, headers).getData());
            return PageErrors.withStatus(422, confirmPage(session, tenant, what,
                    "Type the tenant's address, " + slug + ", exactly, to delete it. Nothing was deleted."));
        }
        try {
            switch (what) {
                case SUSPEND -> gateway.tenants().suspendTenant(slug, headers);
                case REACTIVATE -> gateway.tenants().reactivateTenant(slug, headers);
                case DELETE -> gateway.tenants().deleteTenant(slug, headers);
            }
        } catch (ApiException e) {
            GatewayError error = GatewayError.of(e);
            if (error.status() != 409 && error.status() != 422) {
                throw e;
            }
            // Someone else changed it meanwhile (already suspended, ...): say so on the confirmation page.
            TenantSummary tenant = TenantSummary.of(gateway.tenants().getTenant(slug, headers).getData());
            return PageErrors.withStatus(error.status(), confirmPage(session, tenant, what, error.message()));
        }
        if (what == TenantAction.DELETE) {
            return RestResponse.seeOther(URI.create("/admin?status=deleted&deleted=" + slug));
        }
        return RestResponse.seeOther(tenantHref(slug, what.done()));
    }

    private TemplateInstance tenantPage(WebSession session, TenantView tenant, PlanForm planForm, Map<String, String> planErrors,
                                        String planProblem, String done) throws ApiException {
        TenantConfig config = gateway.tenants().getTenantConfig(tenant.getSlug(), bearer(session)).getData();
        TenantSummary summary = TenantSummary.of(tenant);
        List<ServiceProvisioning> services = ServiceProvisioning.of(tenant, config);
        List<String> features = new TreeMap<>(tenant.getFeatures() == null ? Map.<String, Boolean>of() : tenant.getFeatures())
                .entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey).toList();
        List<TenantAction> actions = List.of(TenantAction.values()).stream().filter(a -> a.appliesTo(summary)).toList();
        return Templates.tenant(Chrome.of(tenant.getName() + " · Operator console", session.user()), summary, tenant, services,
                ServiceProvisioning.anyFailed(services), planNow(tenant.getSubscription()), contact(tenant), features, actions, TenantQuery.PLANS, planForm,
                planErrors, planProblem, done);
    }

    /** Who to call, as far as the tenant said: person, e-mail, phone. */
    private static List<String> contact(TenantView tenant) {
        return Stream.of(tenant.getContactPerson(), tenant.getContactEmail(), tenant.getContactPhone())
                .filter(part -> part != null && !part.isBlank()).toList();
    }

    /** The plan in words: "basic: 10 users, 1,000 products, unlimited transactions a month". */
    static String planNow(PlanLimits limits) {
        if (limits == null || limits.getPlan() == null) {
            return null;
        }
        return limits.getPlan() + ": " + limit(limits.getMaxUsers(), "users") + ", " + limit(limits.getMaxProducts(), "products")
                + ", " + limit(limits.getMaxTransactionsPerMonth(), "transactions a month");
    }

    private static String limit(Integer value, String what) {
        return (value == null ? "unlimited" : IndianFormats.number(value.longValue())) + " " + what;
    }

    private static TemplateInstance confirmPage(WebSession session, TenantSummary tenant, TenantAction action, String problem) {
        return Templates.confirm(Chrome.of(action.verb() + " " + tenant.name(), session.user()), tenant, action, problem);
    }

    private Map<String, String> bearer(WebSession session) {
        return Gateway.bearer(tokens.current(session));
    }

    private static RestResponse<Object> backToTenant(String slug, String done) {
        return RestResponse.seeOther(tenantHref(slug, done));
    }

    private static URI tenantHref(String slug, String done) {
        return URI.create("/admin/tenants/" + slug + "?done=" + done);
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    /** A limit as typed: empty is "not given" (null); anything but a whole number above zero is an error of the form. */
    private static Integer limit(Map<String, String> errors, String field, String typed) {
        if (typed.isEmpty()) {
            return null;
        }
        try {
            int value = Integer.parseInt(typed);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException tooLargeOrNotANumber) {
            // told below, like zero
        }
        errors.put(field, "A whole number above zero, or empty for the plan's own limit");
        return null;
    }
}
