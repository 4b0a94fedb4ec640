package io.ipsc.web.cashflow;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.InvoiceView;
import io.ipsc.client.model.PaymentLine;
import io.ipsc.client.model.PurchaseView;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.invoicing.InvoiceResource;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.workspace.SectionTable;
import io.ipsc.web.workspace.Visits;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A tenant's cash flow at {@code <workspace base>cashflow}: receivable and payable ageing, money in and out
 * per month and the customers owing most, each as a chart whose bars open the documents behind them, and as
 * a table under it with the same links. The lists ({@code cashflow/invoices}, {@code cashflow/purchases})
 * are the API's lists filtered by the same bucket; every figure is invoicing's.
 */
@Path("/t/{slug}/cashflow")
@Blocking
public class CashFlowResource {

    static final int LIST_PAGE_SIZE = 20;
    private static final String NOTHING_OWED = "Nothing is owed here.";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance cashFlow(Chrome chrome, String base, CashFlowView view);

        static native TemplateInstance documents(Chrome chrome, String base, String heading, String lead, String tableId,
                                                 SectionTable table, List<String> links, String pageLink, String empty);
    }

    private final Gateway gateway;
    private final Visits visits;

    CashFlowResource(Gateway gateway, Visits visits) {
        this.gateway = gateway;
        this.visits = visits;
    }

    @GET
    public TemplateInstance cashFlow(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                     @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        var cash = gateway.cashFlow().getCashFlow(slug, null, null, visit.bearer()).getData();
        String base = visit.workspace().base();
        return Templates.cashFlow(visit.chrome("Cash flow · " + visit.workspace().companyName()), base, CashFlowView.of(cash, base));
    }

    /** The invoices still owed of one ageing bucket, or of one customer. */
    @GET
    @Path("/invoices")
    public RestResponse<TemplateInstance> invoices(@PathParam("slug") String slug, @RestQuery String ageing,
                                                   @RestQuery("customer_id") Long customerId, @RestQuery @DefaultValue("1") int page,
                                                   @CookieParam(SessionCookie.NAME) String sessionId,
                                                   @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        Optional<Ageing> bucket = Ageing.byFilter(ageing);
        if (bucket.isEmpty() && customerId == null) {
            return unknownBucket(visit);
        }
        int p = Math.max(1, page);
        var data = gateway.invoices().listInvoices(slug, bucket.map(Ageing::filter).orElse(null), customerId, true, p, LIST_PAGE_SIZE,
                null, visit.bearer()).getData();
        List<InvoiceView> items = data.getItems() == null ? List.of() : data.getItems();
        String base = visit.workspace().base();
        String heading = customerId == null ? "Owed to you, " + bucket.get().label()
                : "Owed by " + gateway.customers().getCustomer(slug, customerId, visit.bearer()).getData().getName();
        SectionTable table = new SectionTable(heading, List.of("Number", "Date", "Due", "Status", "Total", "Balance due"),
                List.of("Total", "Balance due"), items.stream()
                .map(i -> List.of(i.getNumber() == null ? "Draft #" + i.getId() : i.getNumber(), IndianFormats.date(i.getInvoiceDate()),
                        IndianFormats.date(i.getDueDate()), InvoiceResource.status(i.getStatus()), IndianFormats.rupees(i.getTotal()),
                        IndianFormats.rupees(i.getBalanceDue())))
                .toList(), p, pages(data.getTotalPages()), data.getTotalItems() == null ? 0 : data.getTotalItems());
        String pageLink = base + "cashflow/invoices?" + (customerId == null ? "ageing=" + encode(bucket.get().filter())
                : "customer_id=" + customerId) + "&page=";
        return RestResponse.ok(Templates.documents(visit.chrome(heading + " · " + visit.workspace().companyName()), base, heading,
                "Issued or partially paid invoices" + (customerId == null ? ", by days past their due date (or their date when none)" : ""),
                "owed-invoices", table, items.stream().map(i -> base + "invoices/" + i.getId()).toList(), pageLink, NOTHING_OWED));
    }

    /** The purchases still owed of one ageing bucket. */
    @GET
    @Path("/purchases")
    public RestResponse<TemplateInstance> purchases(@PathParam("slug") String slug, @RestQuery String ageing,
                                                    @RestQuery @DefaultValue("1") int page, @CookieParam(SessionCookie.NAME) String sessionId,
                                                    @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        Optional<Ageing> bucket = Ageing.byFilter(ageing);
        if (bucket.isEmpty()) {
            return unknownBucket(visit);
        }
        int p = Math.max(1, page);
        var data = gateway.purchases().listPurchases(slug, bucket.get().filter(), p, LIST_PAGE_SIZE, visit.bearer()).getData();
        List<PurchaseView> items = data.getItems() == null ? List.of() : data.getItems();
        String base = visit.workspace().base();
        String heading = "You owe, " + bucket.get().label();
        SectionTable table = new SectionTable(heading, List.of("Bill", "Bill date", "Due", "Status", "Total", "Balance due"),
                List.of("Total", "Balance due"), items.stream()
                .map(b -> List.of(b.getBillNumber(), IndianFormats.date(b.getBillDate()), IndianFormats.date(b.getDueDate()),
                        InvoiceResource.status(b.getStatus()), IndianFormats.rupees(b.getTotal()), IndianFormats.rupees(b.getBalanceDue())))
                .toList(), p, pages(data.getTotalPages()), data.getTotalItems() == null ? 0 : data.getTotalItems());
        return RestResponse.ok(Templates.documents(visit.chrome(heading + " · " + visit.workspace().companyName()), base, heading,
                "Vendors' bills received or partially paid, by days past their due date (or their date when none)", "owed-purchases",
                table, items.stream().map(b -> base + "purchases/" + b.getId()).toList(),
                base + "cashflow/purchases?ageing=" + encode(bucket.get().filter()) + "&page=", NOTHING_OWED));
    }

    /**
     * What a month's money in ({@code direction=in}: payments received, each opening its invoice) or money out ({@code out}:
     * payments made, each opening its purchase) adds up: the API's own list of that month's payments.
     */
    @GET
    @Path("/payments")
    public RestResponse<TemplateInstance> payments(@PathParam("slug") String slug, @RestQuery String direction, @RestQuery String month,
                                                   @RestQuery @DefaultValue("1") int page, @CookieParam(SessionCookie.NAME) String sessionId,
                                                   @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        Optional<YearMonth> wanted = month(month);
        boolean in = "in".equals(direction);
        if (wanted.isEmpty() || !(in || "out".equals(direction))) {
            return PageErrors.page(404, visit.session().user(), "Not found",
                    "There is no such list. A month's payments are cashflow/payments?month=2026-11&direction=in (received) or out (made).");
        }
        YearMonth m = wanted.get();
        int p = Math.max(1, page);
        var data = gateway.cashFlow().listCashFlowPayments(slug, direction, m.atDay(1).toString(), p, LIST_PAGE_SIZE,
                m.atEndOfMonth().toString(), visit.bearer()).getData();
        List<PaymentLine> items = data.getItems() == null ? List.of() : data.getItems();
        String base = visit.workspace().base();
        String heading = (in ? "Money in, " : "Money out, ") + m.format(MONTH);
        SectionTable table = new SectionTable(heading, List.of(in ? "Invoice" : "Bill", "Paid on", in ? "Customer" : "Vendor", "Amount",
                "Paid by", "Reference"), List.of("Amount"), items.stream()
                .map(x -> List.of(x.getDocumentNumber(), IndianFormats.date(x.getPaidOn()), x.getPartyName(), IndianFormats.rupees(x.getAmount()),
                        InvoiceResource.PAYMENT_MODES.getOrDefault(x.getMode(), String.valueOf(x.getMode())),
                        x.getReference() == null ? "—" : x.getReference()))
                .toList(), p, pages(data.getTotalPages()), data.getTotalItems() == null ? 0 : data.getTotalItems());
        return RestResponse.ok(Templates.documents(visit.chrome(heading + " · " + visit.workspace().companyName()), base, heading,
                in ? "Payments received against invoices that month, as the cash flow counts them" : "Payments made against vendors' bills "
                        + "that month, as the cash flow counts them", in ? "payments-in" : "payments-out", table,
                items.stream().map(x -> base + (in ? "invoices/" : "purchases/") + x.getDocumentId()).toList(),
                base + "cashflow/payments?month=" + m + "&direction=" + direction + "&page=", in ? "No payment received that month."
                        : "No payment made that month."));
    }

    private static Optional<YearMonth> month(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(YearMonth.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static RestResponse<TemplateInstance> unknownBucket(Visit visit) {
        return PageErrors.page(404, visit.session().user(), "Not found",
                "There is no such list. The cash flow's ageing is 0-30, 31-60, 61-90 or 90+ days.");
    }

    private static int pages(Integer totalPages) {
        return totalPages == null ? 1 : Math.max(1, totalPages);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
