package io.ipsc.web.settings;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.AddMemberAnswer;
import io.ipsc.client.model.AddMemberRequest;
import io.ipsc.client.model.ApiResponseBrandingView;
import io.ipsc.client.model.ApiResponseMapStringObject;
import io.ipsc.client.model.BrandingRequest;
import io.ipsc.client.model.BrandingView;
import io.ipsc.client.model.ChangeRoleRequest;
import io.ipsc.client.model.InvitationIssued;
import io.ipsc.client.model.InvitationView;
import io.ipsc.client.model.MembershipView;
import io.ipsc.client.model.PageMembershipView;
import io.ipsc.client.model.TemplateView;
import io.ipsc.client.model.TenantView;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.workspace.TenantHosts;
import io.ipsc.web.workspace.TenantStylesheet;
import io.ipsc.web.workspace.Visits;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tenant's settings, at {@code <workspace base>settings}: profile, branding (with a live preview),
 * features, members and invitations, plan and usage. The pages offer changes only to the tenant's
 * admins and platform admins; every change is still sent to the API, which decides (a viewer's post
 * comes back as the API's 403, shown as a page). A refusal with field errors re-renders the form with
 * each error at its field and the API's status.
 */
@Path("/t/{slug}/settings")
@Blocking
public class SettingsResource {

    static final List<String> ROLES = List.of("admin", "manager", "staff", "viewer");
    static final int MEMBERS_PAGE_SIZE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance profile(Chrome chrome, SettingsTabs tabs, ProfileForm form, Map<String, String> errors,
                                               String problem, String notice);

        static native TemplateInstance branding(Chrome chrome, SettingsTabs tabs, BrandingForm form, Map<String, String> errors,
                                                String problem, String notice, List<String> warnings, List<TemplateView> templates,
                                                List<String> fonts, BrandingPreview preview);

        static native TemplateInstance branding$preview(BrandingPreview preview);

        static native TemplateInstance features(Chrome chrome, SettingsTabs tabs, List<Feature> features, String problem, String notice);

        static native TemplateInstance members(Chrome chrome, SettingsTabs tabs, Members members, Map<String, String> errors,
                                               String problem, String notice, InvitationIssued invitation, String invitationLink);

        static native TemplateInstance removeMember(Chrome chrome, SettingsTabs tabs, MembershipView member);

        static native TemplateInstance usage(Chrome chrome, SettingsTabs tabs, Usage usage);
    }

    /** A feature switch as the features page shows it. */
    public record Feature(String name, String label, boolean on) {
    }

    /** What the live preview shows: the typed company name and logo, in colours from {@code stylesheet}. */
    public record BrandingPreview(String companyName, String logoUrl, String stylesheet) {
    }

    /** The members page: one page of members, the plan's user limit, and (for admins) the open invitations. */
    public record Members(List<MembershipView> items, long total, Integer limit, int page, int totalPages,
                          List<InvitationView> invitations, List<String> roles) {

        /** "3 of 5 users", or "3 users" on a plan without a limit. */
        public String seats() {
            return limit == null ? total + (total == 1 ? " user" : " users") : total + " of " + limit + " users";
        }

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }
    }

    private final Gateway gateway;
    private final Visits visits;
    private final SessionStore sessions;
    private final TenantHosts hosts;
    private final String gatewayUrl;

    SettingsResource(Gateway gateway, Visits visits, SessionStore sessions, TenantHosts hosts,
                     @ConfigProperty(name = "ipsc.web.gateway-url") String gatewayUrl) {
        this.gateway = gateway;
        this.visits = visits;
        this.sessions = sessions;
        this.hosts = hosts;
        this.gatewayUrl = gatewayUrl.replaceAll("/+$", "");
    }

    // ---- profile ----

    @GET
    public TemplateInstance profile(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                    @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return profilePage(visit, ProfileForm.of(visit.tenant()), Map.of(), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> saveProfile(@PathParam("slug") String slug, @BeanParam ProfileForm form,
                                                      @CookieParam(SessionCookie.NAME) String sessionId,
                                                      @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            TenantView saved = gateway.tenants().updateTenant(slug, form.toRequest(), visit.bearer()).getData();
            return RestResponse.ok(profilePage(visit, ProfileForm.of(saved), Map.of(), null, "The profile is saved."));
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), profilePage(visit, form, error.fieldErrors(), problem(error), null));
        }
    }

    private static TemplateInstance profilePage(Visit visit, ProfileForm form, Map<String, String> errors, String problem, String notice) {
        return Templates.profile(visit.chrome("Settings · " + visit.workspace().companyName()), SettingsTabs.of(visit, "profile"),
                form, errors, problem, notice);
    }

    // ---- branding ----

    @GET
    @Path("/branding")
    public TemplateInstance branding(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                     @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        BrandingView branding = gateway.branding().getBranding(slug, visit.bearer()).getData();
        return brandingPage(visit, BrandingForm.of(branding), Map.of(), null, null, List.of());
    }

    @POST
    @Path("/branding")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> saveBranding(@PathParam("slug") String slug, @BeanParam BrandingForm form,
                                                       @CookieParam(SessionCookie.NAME) String sessionId,
                                                       @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            ApiResponseBrandingView saved = gateway.branding().updateBranding(slug, form.toRequest(), visit.bearer());
            return RestResponse.ok(brandingPage(visit, BrandingForm.of(saved.getData()), Map.of(), null,
                    "The branding is saved: the workspace now shows it.", saved.getWarnings()));
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), brandingPage(visit, form, error.fieldErrors(), problem(error), null, List.of()));
        }
    }

    /** A template's whole look at once (branding-service takes its palette; the name and logo stay). */
    @POST
    @Path("/branding/template")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> useTemplate(@PathParam("slug") String slug, @RestForm String template,
                                                      @CookieParam(SessionCookie.NAME) String sessionId,
                                                      @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            ApiResponseBrandingView saved = gateway.branding().updateBranding(slug,
                    new BrandingRequest().template(template), visit.bearer());
            return RestResponse.ok(brandingPage(visit, BrandingForm.of(saved.getData()), Map.of(), null,
                    "The template " + template + " is applied.", saved.getWarnings()));
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            BrandingView current = gateway.branding().getBranding(slug, visit.bearer()).getData();
            return PageErrors.withStatus(error.status(), brandingPage(visit, BrandingForm.of(current), error.fieldErrors(),
                    problem(error), null, List.of()));
        }
    }

    /** The live preview, re-rendered by htmx from the form's values as they change: computed here, nothing saved. */
    @POST
    @Path("/branding/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance preview(@PathParam("slug") String slug, @BeanParam BrandingForm form,
                                    @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host) {
        sessions.require(sessionId);
        return Templates.branding$preview(preview(base(slug, host), form));
    }

    /** The preview's colours and font, scoped to the preview's box (the CSP allows no inline style). */
    @GET
    @Path("/branding/preview.css")
    @Produces("text/css")
    public Response previewStylesheet(@RestQuery("primary_color") String primary, @RestQuery("secondary_color") String secondary,
                                      @RestQuery("accent_color") String accent, @RestQuery("text_color") String text,
                                      @RestQuery("background_color") String background, @RestQuery("font_family") String font,
                                      @CookieParam(SessionCookie.NAME) String sessionId) {
        sessions.require(sessionId);
        BrandingView branding = new BrandingView().primaryColor(primary).secondaryColor(secondary).accentColor(accent)
                .textColor(text).backgroundColor(background).fontFamily(font);
        return Response.ok(TenantStylesheet.render(branding, ".brand-preview"), "text/css")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300").build();
    }

    private TemplateInstance brandingPage(Visit visit, BrandingForm form, Map<String, String> errors, String problem, String notice,
                                          List<String> warnings) throws ApiException {
        List<TemplateView> templates = gateway.branding().listBrandingTemplates(visit.bearer()).getData();
        // branding-service does not list its fonts; the templates' fonts and the current one are offered, any other is its to refuse.
        TreeSet<String> fonts = new TreeSet<>();
        templates.stream().map(TemplateView::getFontFamily).filter(f -> f != null && !f.isBlank()).forEach(fonts::add);
        if (!form.fontFamily.isBlank()) {
            fonts.add(form.fontFamily);
        }
        return Templates.branding(visit.chrome("Branding · " + visit.workspace().companyName()), SettingsTabs.of(visit, "branding"),
                form, errors, problem, notice, warnings == null ? List.of() : warnings, templates == null ? List.of() : templates,
                List.copyOf(fonts), preview(visit.workspace().base(), form));
    }

    private static BrandingPreview preview(String base, BrandingForm form) {
        String name = ProfileForm.given(form.companyName);
        String query = form.styleQuery();
        return new BrandingPreview(name == null ? "Your company" : name, form.previewLogo(),
                base + "settings/branding/preview.css" + (query.isEmpty() ? "" : "?" + query));
    }

    // ---- features ----

    @GET
    @Path("/features")
    public TemplateInstance features(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                     @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return featuresPage(visit, visit.tenant().getFeatures(), null, null);
    }

    /** Every feature the form listed ({@code known}) is sent: on when its box was ticked, off otherwise. */
    @POST
    @Path("/features")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> saveFeatures(@PathParam("slug") String slug, @RestForm List<String> known,
                                                       @RestForm List<String> on, @CookieParam(SessionCookie.NAME) String sessionId,
                                                       @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        Map<String, Boolean> switches = new LinkedHashMap<>();
        for (String name : known == null ? List.<String>of() : known) {
            switches.put(name, on != null && on.contains(name));
        }
        try {
            Map<String, Boolean> saved = gateway.tenants().updateTenantFeatures(slug, switches, visit.bearer()).getData();
            return RestResponse.ok(featuresPage(visit, saved, null, "The features are saved."));
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), featuresPage(visit, visit.tenant().getFeatures(), error.message(), null));
        }
    }

    private static TemplateInstance featuresPage(Visit visit, Map<String, Boolean> switches, String problem, String notice) {
        List<Feature> features = new TreeMap<>(switches == null ? Map.<String, Boolean>of() : switches).entrySet().stream()
                .map(e -> new Feature(e.getKey(), label(e.getKey()), Boolean.TRUE.equals(e.getValue()))).toList();
        return Templates.features(visit.chrome("Features · " + visit.workspace().companyName()), SettingsTabs.of(visit, "features"),
                features, problem, notice);
    }

    /** {@code dental_management} → "Dental management". */
    static String label(String feature) {
        String words = feature.replace('_', ' ').trim();
        return words.isEmpty() ? feature : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    // ---- members and invitations ----

    @GET
    @Path("/members")
    public TemplateInstance members(@PathParam("slug") String slug, @RestQuery @DefaultValue("1") int page,
                                    @CookieParam(SessionCookie.NAME) String sessionId,
                                    @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return membersPage(visit, page, Map.of(), null, null, null);
    }

    /** Adds a member by e-mail; for an e-mail without an account the API makes an invitation, whose link is shown this once. */
    @POST
    @Path("/members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> addMember(@PathParam("slug") String slug, @RestForm String email, @RestForm String role,
                                                    @CookieParam(SessionCookie.NAME) String sessionId,
                                                    @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            AddMemberAnswer answer = gateway.memberships().addTenantMember(slug,
                    new AddMemberRequest().email(ProfileForm.given(email)).role(ProfileForm.given(role)), visit.bearer()).getData();
            if (answer.getActualInstance() instanceof InvitationIssued invitation) {
                return RestResponse.ok(membersPage(visit, 1, Map.of(), null, invitation.getEmail()
                        + " has no account yet: an invitation is made.", invitation));
            }
            return RestResponse.ok(membersPage(visit, 1, Map.of(), null, email + " is now a member (" + role + ").", null));
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), membersPage(visit, 1, error.fieldErrors(), problem(error), null, null));
        }
    }

    @POST
    @Path("/members/{userId}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> changeRole(@PathParam("slug") String slug, @PathParam("userId") long userId,
                                                     @RestForm String role, @CookieParam(SessionCookie.NAME) String sessionId,
                                                     @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            MembershipView changed = gateway.memberships().changeTenantMemberRole(slug, userId, new ChangeRoleRequest().role(role),
                    visit.bearer()).getData();
            return RestResponse.ok(membersPage(visit, 1, Map.of(), null, changed.getEmail() + " is now " + changed.getRole() + ".", null));
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), membersPage(visit, 1, Map.of(), error.message(), null, null));
        }
    }

    /** The confirmation before a member is removed. */
    @GET
    @Path("/members/{userId}/remove")
    public RestResponse<TemplateInstance> confirmRemoval(@PathParam("slug") String slug, @PathParam("userId") long userId,
                                                         @CookieParam(SessionCookie.NAME) String sessionId,
                                                         @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        MembershipView member = allMembers(slug, visit).stream().filter(m -> m.getUserId() != null && m.getUserId() == userId)
                .findFirst().orElse(null);
        if (member == null) {
            return PageErrors.page(404, visit.session().user(), "Not found", "That person is not a member of "
                    + visit.workspace().companyName() + ".");
        }
        return RestResponse.ok(Templates.removeMember(visit.chrome("Remove a member · " + visit.workspace().companyName()),
                SettingsTabs.of(visit, "members"), member));
    }

    @POST
    @Path("/members/{userId}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> removeMember(@PathParam("slug") String slug, @PathParam("userId") long userId,
                                                       @CookieParam(SessionCookie.NAME) String sessionId,
                                                       @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.memberships().removeTenantMember(slug, userId, visit.bearer());
            return RestResponse.seeOther(URI.create(visit.workspace().base() + "settings/members"));
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), membersPage(visit, 1, Map.of(), error.message(), null, null));
        }
    }

    @POST
    @Path("/invitations/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> withdraw(@PathParam("slug") String slug, @PathParam("id") long id,
                                                   @CookieParam(SessionCookie.NAME) String sessionId,
                                                   @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.invitations().revokeTenantInvitation(id, slug, visit.bearer());
            return RestResponse.ok(membersPage(visit, 1, Map.of(), null, "The invitation is withdrawn.", null));
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), membersPage(visit, 1, Map.of(), error.message(), null, null));
        }
    }

    private TemplateInstance membersPage(Visit visit, int page, Map<String, String> errors, String problem, String notice,
                                         InvitationIssued invitation) throws ApiException {
        String slug = visit.tenant().getSlug();
        int p = Math.max(1, page);
        PageMembershipView members = gateway.memberships().listTenantMembers(slug, p, MEMBERS_PAGE_SIZE, visit.bearer()).getData();
        // Open invitations are for admins only (the API refuses others): not asked for a member who could not see them.
        List<InvitationView> invitations = visit.workspace().admin()
                ? gateway.invitations().listTenantInvitations(slug, 1, 100, visit.bearer()).getData().getItems()
                : List.of();
        Integer limit = visit.tenant().getSubscription() == null ? null : visit.tenant().getSubscription().getMaxUsers();
        long total = members.getTotalItems() == null ? members.getItems().size() : members.getTotalItems();
        int pages = members.getTotalPages() == null ? 1 : Math.max(1, members.getTotalPages());
        String link = invitation == null || invitation.getAcceptPath() == null ? null : gatewayUrl + invitation.getAcceptPath();
        return Templates.members(visit.chrome("Members · " + visit.workspace().companyName()), SettingsTabs.of(visit, "members"),
                new Members(members.getItems(), total, limit, p, pages, invitations == null ? List.of() : invitations, ROLES),
                errors, problem, notice, invitation, link);
    }

    private List<MembershipView> allMembers(String slug, Visit visit) throws ApiException {
        List<MembershipView> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            PageMembershipView one = gateway.memberships().listTenantMembers(slug, page, 100, visit.bearer()).getData();
            all.addAll(one.getItems());
            if (one.getTotalPages() == null || page >= one.getTotalPages()) {
                return all;
            }
        }
    }

    // ---- plan and usage ----

    @GET
    @Path("/usage")
    public TemplateInstance usage(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        ApiResponseMapStringObject answer = gateway.tenants().getTenantUsage(slug, visit.bearer());
        return Templates.usage(visit.chrome("Plan and usage · " + visit.workspace().companyName()), SettingsTabs.of(visit, "usage"),
                Usage.of(answer.getData() == null ? Map.of() : answer.getData(), answer.getWarnings()));
    }

    // ---- shared ----

    /**
     * A refused form: with field errors or a plain validation answer it is the form's to show again (and so
     * are the statuses {@code alsoTheForms} names, e.g. an upload's 413 and 415); anything else (403, 404, 401, an unreachable gateway) goes on to become its page.
     */
    static GatewayError formRefusal(ApiException e, int... alsoTheForms) throws ApiException {
        GatewayError error = GatewayError.of(e);
        boolean formProblem = error.status() == 400 || error.status() == 409 || error.status() == 422
                || java.util.Arrays.stream(alsoTheForms).anyMatch(status -> status == error.status());
        if (!formProblem) {
            throw e;
        }
        return error;
    }

    static String problem(GatewayError error) {
        return error.fieldErrors().isEmpty() ? error.message() : "Please correct the fields marked below.";
    }

    /** The workspace base for a request that did not load the tenant (the preview fragment), as {@link Visits} finds it. */
    private String base(String slug, String host) {
        return hosts.tenantOf(host).filter(slug::equals).isPresent() ? "/" : "/t/" + slug + "/";
    }
}
