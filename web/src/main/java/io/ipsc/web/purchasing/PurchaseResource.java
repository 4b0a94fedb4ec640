package io.ipsc.web.purchasing;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.PartyView;
import io.ipsc.client.model.PaymentRequest;
import io.ipsc.client.model.ProductView;
import io.ipsc.client.model.PurchaseLineView;
import io.ipsc.client.model.PurchasePaymentView;
import io.ipsc.web.catalog.Picker;
import io.ipsc.web.catalog.Picker.Choice;
import io.ipsc.client.model.PurchaseView;
import io.ipsc.web.catalog.Listing;
import io.ipsc.web.catalog.Notices;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayCalls;
import io.ipsc.web.invoicing.InvoiceResource;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A tenant's purchases at {@code <workspace base>purchases}: the list, recording a vendor's bill with its lines
 * (products bought, quantity, rate paid, GST rate; the API computes the tax and moves the stock), a purchase's
 * page with its figures and balance, and a payment made against it, in full or in part. Every figure is the
 * API's; its refusals are shown at the field or form they concern.
 */
@Path("/t/{slug}/purchases")
@Blocking
public class PurchaseResource {

    static final int PAGE_SIZE = 20;
    /** The list names the vendors of the first hundred (the API's largest page); one beyond shows its number. */
    static final int VENDOR_NAMES = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Chrome chrome, String base, Listing<Row> purchases, boolean mayWrite);

        static native TemplateInstance form(Chrome chrome, String base, PurchaseForm form, List<PurchaseForm.Row> rows,
                                            Choice vendor, Map<String, String> errors, String problem, boolean mayWrite);

        static native TemplateInstance form$line(PurchaseForm.Row row, String base);

        static native TemplateInstance purchase(Chrome chrome, String base, PurchaseView purchase, Row row, List<Line> lines,
                                                List<Payment> payments, String notice, String problem, Map<String, String> errors,
                                                Map<String, String> modes, boolean mayPay);
    }

    /** A purchase as pages show it: its vendor's name and its figures in Indian formats. */
    public record Row(PurchaseView purchase, String vendor, String status, String billDate, String dueDate, String taxable, String cgst,
                      String sgst, String igst, String roundOff, String total, String paid, String balance) {

        static Row of(PurchaseView p, Map<Long, String> vendorNames) {
            return new Row(p, vendorNames.getOrDefault(p.getVendorId(), "Vendor #" + p.getVendorId()), InvoiceResource.status(p.getStatus()),
                    IndianFormats.date(p.getBillDate()), p.getDueDate() == null ? "—" : IndianFormats.date(p.getDueDate()),
                    IndianFormats.rupees(p.getTaxableAmount()), IndianFormats.rupees(p.getCgst()), IndianFormats.rupees(p.getSgst()),
                    IndianFormats.rupees(p.getIgst()), IndianFormats.rupees(p.getRoundOff()), IndianFormats.rupees(p.getTotal()),
                    IndianFormats.rupees(p.getAmountPaid()), IndianFormats.rupees(p.getBalanceDue()));
        }

        public boolean interState() {
            return Boolean.TRUE.equals(purchase.getInterState());
        }

        public boolean owing() {
            return purchase.getBalanceDue() != null && purchase.getBalanceDue().signum() > 0;
        }

        /** The whole balance, as the payment's amount field starts. */
        public String balanceDue() {
            return purchase.getBalanceDue() == null ? "" : purchase.getBalanceDue().toPlainString();
        }
    }

    /** A line of the bill as the API recorded it, in Indian formats; {@code product} links the catalog's product, if any. */
    public record Line(String description, String hsn, String quantity, String rate, String gstRate, String taxable, String tax,
                       String total, Long product) {

        static Line of(PurchaseLineView l) {
            return new Line(Forms.shown(l.getDescription()), Forms.shown(l.getHsnSac()), Forms.shown(l.getQuantity()), IndianFormats.rupees(l.getUnitPrice()),
                    Forms.shown(l.getGstRate()) + " %", IndianFormats.rupees(l.getTaxableAmount()), IndianFormats.rupees(l.getTaxAmount()),
                    IndianFormats.rupees(l.getTotal()), l.getProductId());
        }
    }

    /** A payment made against the bill, as the API recorded it. */
    public record Payment(String date, String amount, String mode, String reference) {

        static Payment of(PurchasePaymentView p) {
            return new Payment(IndianFormats.date(p.getPaidOn()), IndianFormats.rupees(p.getAmount()),
                    InvoiceResource.PAYMENT_MODES.getOrDefault(p.getMode(), Forms.shown(p.getMode())), Forms.shown(p.getReference()));
        }
    }

    private final Gateway gateway;
    private final Visits visits;
    private final GatewayCalls calls;
    private final Picker picker;

    PurchaseResource(Gateway gateway, Visits visits, GatewayCalls calls, Picker picker) {
        this.gateway = gateway;
        this.visits = visits;
        this.calls = calls;
        this.picker = picker;
    }

    @GET
    public TemplateInstance list(@PathParam("slug") String slug, @RestQuery @DefaultValue("1") int page,
                                 @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        int p = Math.max(1, page);
        CompletableFuture<Map<Long, String>> names = calls.start(() -> vendorNames(vendors(slug, visit)));
        var data = gateway.purchases().listPurchases(slug, null, p, PAGE_SIZE, visit.bearer()).getData();
        Map<Long, String> vendorNames = GatewayCalls.await(names);
        List<Row> rows = data.getItems() == null ? List.of() : data.getItems().stream().map(i -> Row.of(i, vendorNames)).toList();
        return Templates.list(visit.chrome("Purchases · " + visit.workspace().companyName()), visit.workspace().base(),
                Listing.of(rows, visit.workspace().base() + "purchases", null, p, data.getTotalPages(), data.getTotalItems()),
                visit.workspace().mayWrite());
    }

    @GET
    @Path("/new")
    public TemplateInstance blank(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        visit.requireWrite("record purchases", "purchases", "the purchases");
        return formPage(visit, PurchaseForm.blank(), Map.of(), Map.of(), null);
    }

    /** One more row, appended by htmx to the form's lines. */
    @POST
    @Path("/new/line")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance line(@PathParam("slug") String slug, @BeanParam PurchaseForm form,
                                 @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return Templates.form$line(PurchaseForm.Row.blank(form.size()), visit.workspace().base());
    }

    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> record(@PathParam("slug") String slug, @BeanParam PurchaseForm form,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        Map<String, ProductView> products = picker.productViews(slug, form.chosenProducts(), visit);
        return Forms.submit(() -> gateway.purchases().recordPurchase(slug, form.toRequest(products), visit.bearer()).getData(),
                made -> visit.workspace().base() + "purchases/" + made.getId() + "?done=recorded",
                error -> formPage(visit, form, products, error.fieldErrors(), Forms.problem(error)));
    }

    @GET
    @Path("/{id:\\d+}")
    public TemplateInstance purchase(@PathParam("slug") String slug, @PathParam("id") long id, @RestQuery String done,
                                     @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return purchasePage(visit, id, Notices.of("The purchase", done), null, Map.of());
    }

    @POST
    @Path("/{id:\\d+}/payments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> pay(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String amount,
                                              @RestForm String mode, @RestForm String reference,
                                              @CookieParam(SessionCookie.NAME) String sessionId,
                                              @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return Forms.submit(() -> gateway.purchases().recordPurchasePayment(slug, id, new PaymentRequest().amount(Forms.number(amount))
                        .mode(Forms.text(mode)).reference(Forms.text(reference)), visit.bearer()),
                paid -> visit.workspace().base() + "purchases/" + id + "?done=paid#main",
                error -> purchasePage(visit, id, null, error.message(), error.fieldErrors()));
    }

    private TemplateInstance formPage(Visit visit, PurchaseForm form, Map<String, ProductView> products, Map<String, String> errors,
                                      String problem) {
        Map<String, Choice> chosen = new java.util.LinkedHashMap<>();
        products.forEach((id, p) -> chosen.put(id, Picker.of(p)));
        Choice vendor = picker.party(visit.tenant().getSlug(), "vendors", form.vendorId, visit);
        return Templates.form(visit.chrome("New purchase · " + visit.workspace().companyName()), visit.workspace().base(), form,
                form.rows(errors, chosen), vendor, errors, problem, visit.workspace().mayWrite());
    }

    private TemplateInstance purchasePage(Visit visit, long id, String notice, String problem, Map<String, String> errors)
            throws ApiException {
        String slug = visit.tenant().getSlug();
        PurchaseView purchase = gateway.purchases().getPurchase(slug, id, visit.bearer()).getData();
        String vendor = "Vendor #" + purchase.getVendorId();
        try {
            vendor = gateway.vendors().getVendor(slug, purchase.getVendorId(), visit.bearer()).getData().getName();
        } catch (ApiException gone) {
            // An unreadable vendor: its number says enough on this page.
        }
        Row row = Row.of(purchase, Map.of(purchase.getVendorId(), vendor));
        return Templates.purchase(visit.chrome("Purchase " + purchase.getBillNumber() + " · " + visit.workspace().companyName()),
                visit.workspace().base(), purchase, row, purchase.getLines() == null ? List.of() : purchase.getLines().stream().map(Line::of).toList(),
                purchase.getPayments() == null ? List.of() : purchase.getPayments().stream().map(Payment::of).toList(), notice, problem, errors,
                InvoiceResource.PAYMENT_MODES,
                visit.workspace().mayWrite() && row.owing());
    }

    private List<PartyView> vendors(String slug, Visit visit) throws ApiException {
        List<PartyView> vendors = gateway.vendors().listVendors(slug, 1, null, VENDOR_NAMES, visit.bearer()).getData().getItems();
        return vendors == null ? List.of() : vendors;
    }

    /** The first hundred vendors by id; a purchase from another (archived, or beyond) shows its number. */
    private static Map<Long, String> vendorNames(List<PartyView> vendors) {
        return vendors.stream().collect(Collectors.toMap(PartyView::getId, PartyView::getName, (a, b) -> a));
    }
}
