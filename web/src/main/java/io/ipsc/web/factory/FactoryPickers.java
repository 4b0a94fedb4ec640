package io.ipsc.web.factory;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.Bom;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.SessionStore;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;

/**
 * The factory's pickers as htmx asks for them while a person types, at {@code <workspace base>factory/...}: the
 * products whose name or SKU holds what was typed (the products list's own search, through the gateway), and a
 * product's BOMs for the new production order. Each answers a select's {@code <option>}s; the gateway decides
 * who may read them, as for the page that holds the select.
 */
@Path("/t/{slug}/factory")
@Blocking
public class FactoryPickers {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance products(List<ProductChoices.Choice> choices, String search);

        static native TemplateInstance boms(List<BomChoice> boms, boolean productChosen);
    }

    /** A BOM offered for an order: "BOM-001 v1.0 · Main Assembly · MA-001". */
    public record BomChoice(Long id, String label) {
    }

    private final Gateway gateway;
    private final SessionStore sessions;
    private final AccessTokens tokens;

    FactoryPickers(Gateway gateway, SessionStore sessions, AccessTokens tokens) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** Up to 20 matching products; nothing typed: the first hundred, as the page offered them at first. */
    @GET
    @Path("/products")
    public TemplateInstance products(@PathParam("slug") String slug, @RestQuery String search,
                                     @CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        Map<String, String> bearer = bearer(sessionId);
        String typed = FactoryForms.blankAsNull(search);
        List<ProductChoices.Choice> choices = typed == null ? ProductChoices.of(gateway, slug, bearer).offered(null)
                : ProductChoices.search(gateway, slug, bearer, typed);
        return Templates.products(choices, typed);
    }

    /** The product's BOMs, its default first; no product: the first hundred BOMs of any product. */
    @GET
    @Path("/boms")
    public TemplateInstance boms(@PathParam("slug") String slug, @RestQuery("product") String product,
                                 @CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        Map<String, String> bearer = bearer(sessionId);
        Long productId = FactoryForms.id(product);
        return Templates.boms(bomChoices(gateway, slug, bearer, productId, ProductChoices.of(gateway, slug, bearer)), productId != null);
    }

    /** The BOMs a new order may be made from (of one product, or the first hundred), named with their product. */
    static List<BomChoice> bomChoices(Gateway gateway, String slug, Map<String, String> bearer, Long productId, ProductChoices products)
            throws ApiException {
        List<Bom> items = gateway.boms().listBoms(slug, 1, productId, FactoryForms.CHOICES, bearer).getData().getItems();
        return (items == null ? List.<Bom>of() : items).stream()
                .sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.getIsDefault()), Boolean.TRUE.equals(a.getIsDefault())))
                .map(b -> new BomChoice(b.getId(), label(b, products)))
                .toList();
    }

    static String label(Bom b, ProductChoices products) {
        return (b.getBomId() == null ? "#" + b.getId() : b.getBomId()) + " v" + (b.getVersion() == null ? "" : b.getVersion()) + " · "
                + products.name(b.getProductId());
    }

    private Map<String, String> bearer(String sessionId) {
        return Gateway.bearer(tokens.current(sessions.require(sessionId)));
    }
}
