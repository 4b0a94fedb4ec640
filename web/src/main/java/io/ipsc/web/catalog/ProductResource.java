package io.ipsc.web.catalog;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.ProductView;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.Forms;
import io.ipsc.web.session.SessionCookie;
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

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A tenant's products at {@code <workspace base>products}: the list (searched by name or SKU, as the API
 * searches), each with its stock against its reorder level; the form to add one and to change one, the
 * API's refusals at their fields; archiving after a confirmation. Staff may add and change, managers
 * archive (the API's rules; the buttons follow them, the API still decides).
 */
@Path("/t/{slug}/products")
@Blocking
public class ProductResource {

    static final int PAGE_SIZE = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Chrome chrome, String base, Listing<Row> products, String notice, boolean mayWrite,
                                            boolean mayArchive);

        static native TemplateInstance form(Chrome chrome, String base, Long id, ProductForm form, Map<String, String> errors,
                                            String problem, String notice, boolean mayWrite, boolean mayArchive);
    }

    /** A product as the list shows it: figures in Indian formats, and whether its stock is at or below its reorder level. */
    public record Row(ProductView product, String price, String gstRate, String stock, String reorderLevel, boolean lowStock) {

        static Row of(ProductView p) {
            boolean tracked = !Boolean.TRUE.equals(p.getService()) && p.getStockQuantity() != null && p.getReorderLevel() != null;
            return new Row(p, IndianFormats.rupees(p.getPrice()), p.getGstRate() == null ? "—" : quantity(p.getGstRate()) + "%",
                    quantity(p.getStockQuantity()), quantity(p.getReorderLevel()),
                    tracked && p.getStockQuantity().compareTo(p.getReorderLevel()) <= 0);
        }
    }

    private final Gateway gateway;
    private final Visits visits;

    ProductResource(Gateway gateway, Visits visits) {
        this.gateway = gateway;
        this.visits = visits;
    }

    @GET
    public TemplateInstance list(@PathParam("slug") String slug, @RestQuery String search, @RestQuery @DefaultValue("1") int page,
                                 @RestQuery String done, @CookieParam(SessionCookie.NAME) String sessionId,
                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        int p = Math.max(1, page);
        var data = gateway.products().listProducts(slug, false, p, Forms.text(search), PAGE_SIZE, visit.bearer()).getData();
        List<Row> rows = data.getItems() == null ? List.of() : data.getItems().stream().map(Row::of).toList();
        return Templates.list(visit.chrome("Products · " + visit.workspace().companyName()), visit.workspace().base(),
                Listing.of(rows, visit.workspace().base() + "products", search, p, data.getTotalPages(), data.getTotalItems()),
                Notices.of("The product", done), visit.workspace().mayWrite(), visit.workspace().role().mayManage());
    }

    @GET
    @Path("/new")
    public TemplateInstance blank(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        visit.requireWrite("create products", "products", "the products");
        return page(visit, null, ProductForm.blank(), Map.of(), null, null);
    }

    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@PathParam("slug") String slug, @BeanParam ProductForm form,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return Forms.submit(() -> gateway.products().createProduct(slug, form.toRequest(true), visit.bearer()),
                made -> visit.workspace().base() + "products?done=created",
                error -> page(visit, null, form, error.fieldErrors(), Forms.problem(error), null));
    }

    @GET
    @Path("/{id:\\d+}")
    public TemplateInstance product(@PathParam("slug") String slug, @PathParam("id") long id, @RestQuery String done,
                                    @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        ProductView product = gateway.products().getProduct(slug, id, visit.bearer()).getData();
        return page(visit, id, ProductForm.of(product), Map.of(), null, Notices.of("The product", done));
    }

    @POST
    @Path("/{id:\\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> update(@PathParam("slug") String slug, @PathParam("id") long id, @BeanParam ProductForm form,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return Forms.submit(() -> gateway.products().updateProduct(slug, id, form.toRequest(false), visit.bearer()),
                saved -> visit.workspace().base() + "products/" + id + "?done=saved",
                error -> page(visit, id, form, error.fieldErrors(), Forms.problem(error), null));
    }

    @GET
    @Path("/{id:\\d+}/archive")
    public TemplateInstance confirmArchive(@PathParam("slug") String slug, @PathParam("id") long id,
                                           @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        ProductView product = gateway.products().getProduct(slug, id, visit.bearer()).getData();
        String base = visit.workspace().base();
        return ArchivePage.confirm(visit, "product", product.getName() + " (" + product.getSku() + ")",
                "It leaves the product list and new invoices; invoices and purchases already made keep it.",
                base + "products/" + id + "/archive", base + "products/" + id);
    }

    @POST
    @Path("/{id:\\d+}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> archive(@PathParam("slug") String slug, @PathParam("id") long id,
                                                  @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        gateway.products().archiveProduct(slug, id, visit.bearer());
        return RestResponse.seeOther(URI.create(visit.workspace().base() + "products?done=archived"));
    }

    private TemplateInstance page(Visit visit, Long id, ProductForm form, Map<String, String> errors, String problem, String notice) {
        String title = id == null ? "New product" : form.name.isBlank() ? "Product #" + id : form.name;
        return Templates.form(visit.chrome(title + " · " + visit.workspace().companyName()), visit.workspace().base(), id, form, errors,
                problem, notice, visit.workspace().mayWrite(), visit.workspace().role().mayManage());
    }



    /** 12.5 as typed; whole numbers without decimals. */
    private static String quantity(BigDecimal q) {
        return q == null ? "—" : q.stripTrailingZeros().toPlainString();
    }
}
