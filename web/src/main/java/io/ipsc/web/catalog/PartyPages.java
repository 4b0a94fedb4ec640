package io.ipsc.web.catalog;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.PartyCheck;
import io.ipsc.client.model.PartyView;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.Forms;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.setup.FieldCheck;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's customers ({@code <workspace base>customers}) and vendors ({@code vendors}): one implementation,
 * the two differing only by {@link PartyKind}. The list searched by name or GSTIN (the API's search), the form
 * to add and change one with the API's refusals at their fields, and the fields checked as they are typed by
 * invoicing-service's own rules ({@code POST /api/customers/check}): the GSTIN's format, check character and
 * state, shown under it, and the state field filled in from the GSTIN. Archiving after a confirmation.
 */
public abstract class PartyPages {

    static final int PAGE_SIZE = 20;

    /** The fields checked as they are typed; any other name gets an empty answer. */
    static final Set<String> CHECKED = Set.of("gstin", "state", "email", "phone", "pincode");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Chrome chrome, String base, PartyKind kind, Listing<PartyView> parties, String notice,
                                            boolean mayWrite, boolean mayArchive);

        /** {@code checkAt}: where the fields checked as typed post. */
        static native TemplateInstance form(Chrome chrome, String base, PartyKind kind, Long id, PartyForm form, Map<String, String> errors,
                                            String problem, String notice, boolean mayWrite, boolean mayArchive, String checkAt);

        /** The answer under a field; for a GSTIN with a state, the state field too, out of band, holding that state. */
        static native TemplateInstance check(FieldCheck check, String base, PartyKind kind, String gstinState);
    }

    private final Gateway gateway;
    private final Visits visits;
    private final PartyKind kind;

    PartyPages(Gateway gateway, Visits visits, PartyKind kind) {
        this.gateway = gateway;
        this.visits = visits;
        this.kind = kind;
    }

    @Path("/t/{slug}/customers")
    @Blocking
    public static class Customers extends PartyPages {
        Customers(Gateway gateway, Visits visits) {
            super(gateway, visits, PartyKind.customers(gateway.customers()));
        }
    }

    @Path("/t/{slug}/vendors")
    @Blocking
    public static class Vendors extends PartyPages {
        Vendors(Gateway gateway, Visits visits) {
            super(gateway, visits, PartyKind.vendors(gateway.vendors()));
        }
    }

    @GET
    public TemplateInstance list(@PathParam("slug") String slug, @RestQuery String search, @RestQuery @DefaultValue("1") int page,
                                 @RestQuery String done, @CookieParam(SessionCookie.NAME) String sessionId,
                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        int p = Math.max(1, page);
        var data = kind.calls().list(slug, p, Forms.text(search), PAGE_SIZE, visit.bearer());
        return Templates.list(visit.chrome(kind.plural() + " · " + visit.workspace().companyName()), visit.workspace().base(), kind,
                Listing.of(data.getItems(), visit.workspace().base() + kind.path(), search, p, data.getTotalPages(), data.getTotalItems()),
                Notices.of("The " + kind.singular(), done), visit.workspace().mayWrite(), visit.workspace().role().mayManage());
    }

    @GET
    @Path("/new")
    public TemplateInstance blank(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        // The path is the plural in lower case: customers, vendors.
        visit.requireWrite("create " + kind.path(), kind.path(), "the " + kind.path());
        return page(visit, null, new PartyForm(), Map.of(), null, null);
    }

    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@PathParam("slug") String slug, @BeanParam PartyForm form,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return Forms.submit(() -> kind.calls().create(slug, form.toRequest(), visit.bearer()),
                made -> visit.workspace().base() + kind.path() + "/" + made.getId() + "?done=created",
                error -> page(visit, null, form, error.fieldErrors(), Forms.problem(error), null));
    }

    @GET
    @Path("/{id:\\d+}")
    public TemplateInstance party(@PathParam("slug") String slug, @PathParam("id") long id, @RestQuery String done,
                                  @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        PartyForm form = PartyForm.of(kind.calls().get(slug, id, visit.bearer()));
        return page(visit, id, form, Map.of(), null, Notices.of("The " + kind.singular(), done));
    }

    @POST
    @Path("/{id:\\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> update(@PathParam("slug") String slug, @PathParam("id") long id, @BeanParam PartyForm form,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return Forms.submit(() -> kind.calls().update(slug, id, form.toRequest(), visit.bearer()),
                saved -> visit.workspace().base() + kind.path() + "/" + id + "?done=saved",
                error -> page(visit, id, form, error.fieldErrors(), Forms.problem(error), null));
    }

    /**
     * The check of one field as it is typed (htmx names it in {@code HX-Trigger-Name}): the whole form goes to
     * invoicing-service's check, and its answer for that field comes back; a GSTIN's state fills the state field.
     * No verdict (refused, unreachable) leaves the field quiet: saving checks everything.
     */
    @POST
    @Path("/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance check(@PathParam("slug") String slug, @BeanParam PartyForm form, @HeaderParam("HX-Trigger-Name") String field,
                                  @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        String base = visit.workspace().base();
        if (field == null || !CHECKED.contains(field)) {
            return Templates.check(FieldCheck.nothing(field == null ? "none" : field), base, kind, null);
        }
        try {
            PartyCheck check = kind.calls().check(slug, form.toRequest(), visit.bearer());
            String gstinState = "gstin".equals(field) ? check.getGstinState() : null;
            String registered = gstinState == null ? null : "Registered in " + gstinState + " (" + check.getStateCode() + ")";
            return Templates.check(FieldCheck.of(field, check.getProblems(), check.getWarnings(), registered), base, kind, gstinState);
        } catch (ApiException e) {
            return Templates.check(FieldCheck.nothing(field), base, kind, null);
        }
    }

    @GET
    @Path("/{id:\\d+}/archive")
    public TemplateInstance confirmArchive(@PathParam("slug") String slug, @PathParam("id") long id,
                                           @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        PartyView party = kind.calls().get(slug, id, visit.bearer());
        String at = visit.workspace().base() + kind.path() + "/" + id;
        return ArchivePage.confirm(visit, kind.singular(), party.getName(),
                "It leaves the list of " + kind.plural().toLowerCase() + "; the invoices and purchases already made keep it.",
                at + "/archive", at);
    }

    @POST
    @Path("/{id:\\d+}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> archive(@PathParam("slug") String slug, @PathParam("id") long id,
                                                  @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        kind.calls().archive(slug, id, visit.bearer());
        return RestResponse.seeOther(URI.create(visit.workspace().base() + kind.path() + "?done=archived"));
    }

    private TemplateInstance page(Visit visit, Long id, PartyForm form, Map<String, String> errors, String problem, String notice) {
        String title = id == null ? "New " + kind.singular() : form.name;
        return Templates.form(visit.chrome(title + " · " + visit.workspace().companyName()), visit.workspace().base(), kind, id, form,
                errors, problem, notice, visit.workspace().mayWrite(), visit.workspace().role().mayManage(),
                visit.workspace().base() + kind.path() + "/check");
    }


}
