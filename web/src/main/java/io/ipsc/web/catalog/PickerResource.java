package io.ipsc.web.catalog;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.PagePartyView;
import io.ipsc.client.model.PageProductView;
import io.ipsc.web.catalog.Picker.Choice;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.workspace.Visits;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The picker's options as typed ({@code tags/picker.html}): {@code pick/products?search=}, {@code pick/customers?search=}
 * or {@code pick/vendors?search=} asks the list endpoint's own search (name or SKU; name or GSTIN) for its first
 * {@value #SHOWN} matches and answers them as {@code <li role="option">}s for the field {@code field}. Nothing is
 * narrowed here: a tenant with 300 products finds the 250th by typing part of its name or SKU.
 */
@Path("/t/{slug}/pick")
@Blocking
public class PickerResource {

    /** How many options a search shows; more are counted ("12 more: type more of the name"). */
    static final int SHOWN = 20;
    /** A field's id as the picker tag makes it (customer_id, vendor_id, product-3): anything else is not echoed back. */
    private static final Pattern FIELD = Pattern.compile("[a-z_]+(-\\d+)?");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance options(String field, List<Choice> options, long more, String search);
    }

    private final Picker picker;
    private final Visits visits;

    PickerResource(Picker picker, Visits visits) {
        this.picker = picker;
        this.visits = visits;
    }

    @GET
    @Path("/{kind}")
    public RestResponse<TemplateInstance> options(@PathParam("slug") String slug, @PathParam("kind") String kind, @RestQuery String field,
                                                  @Context UriInfo uri, @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        // The text is sent as q-<field> (hx-params keeps it alone): htmx sends a GET inside a form with the form's fields,
        // and the editor has a picker per row.
        String search = field == null ? null : uri.getQueryParameters().getFirst("q-" + field);
        Visit visit = visits.of(slug, sessionId, host);
        if (field == null || !FIELD.matcher(field).matches()) {
            return PageErrors.page(404, visit.session().user(), "Not found", "There is no such field.");
        }
        String typed = search == null || search.isBlank() ? null : search.trim();
        if (kind.equals("products")) {
            PageProductView page = picker.gateway().products().listProducts(slug, false, 1, typed, SHOWN, visit.bearer()).getData();
            List<Choice> options = page.getItems() == null ? List.of() : page.getItems().stream().map(Picker::of).toList();
            return RestResponse.ok(Templates.options(field, options, more(page.getTotalItems(), options), typed));
        }
        PartyKind parties = picker.parties(kind);
        if (parties == null) {
            return PageErrors.page(404, visit.session().user(), "Not found", "There is no such list to pick from.");
        }
        PagePartyView page = parties.calls().list(slug, 1, typed, SHOWN, visit.bearer());
        List<Choice> options = page.getItems() == null ? List.of() : page.getItems().stream().map(Picker::of).toList();
        return RestResponse.ok(Templates.options(field, options, more(page.getTotalItems(), options), typed));
    }

    private static long more(Long total, List<Choice> shown) {
        return total == null ? 0 : Math.max(0, total - shown.size());
    }
}
