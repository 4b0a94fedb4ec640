package io.ipsc.web.invoicing;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.CancelRequest;
import io.ipsc.client.model.InvoiceView;
import io.ipsc.client.model.PaymentRequest;
import io.ipsc.client.model.ProductView;
import io.ipsc.web.catalog.Picker;
import io.ipsc.web.catalog.Picker.Choice;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Downloads;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.Forms;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.workspace.SectionTable;
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
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's invoices, at {@code <workspace base>invoices}: the list (each row opens its invoice), the
 * editor ({@code invoices/new}) whose totals come from the API's preview as the form changes, an
 * invoice's page with the actions its status allows, and its PDF streamed from invoicing-service. Every
 * figure is the API's: nothing is priced or taxed here. Writes are offered to those who may write; the
 * API still decides, and its refusal is shown at the form (or the field) it concerns.
 */
@Path("/t/{slug}/invoices")
@Blocking
public class InvoiceResource {

    static final int LIST_PAGE_SIZE = 20;
    /** The API's payment modes, as the form offers them. */
    public static final Map<String, String> PAYMENT_MODES = orderedModes();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Chrome chrome, SectionTable table, List<String> links, String base, boolean mayWrite);

        /** The editor of a new invoice ({@code editing} null) or of draft {@code editing}. */
        static native TemplateInstance editor(Chrome chrome, String base, Long editing, InvoiceForm form, List<InvoiceForm.Row> rows,
                                              Choice customer, Map<String, String> errors, String problem, Totals totals, boolean mayWrite,
                                              boolean oob, SupplyTerms terms);

        static native TemplateInstance editor$line(InvoiceForm.Row row, String base);

        /**
         * The totals, and (out of band, {@code oob}) the API's errors at each field of the editor, and the supply terms
         * when the customer's category changed which the page offers.
         */
        static native TemplateInstance editor$preview(Totals totals, String problem, List<InvoiceForm.Row> rows, Map<String, String> errors,
                                                      boolean oob, InvoiceForm form, SupplyTerms terms);

        static native TemplateInstance invoice(Chrome chrome, String base, InvoiceView invoice, String customer, Totals totals,
                                               String statusLabel, String date, String paid, String balance, Actions actions,
                                               String notice, String problem, String problemAt, Map<String, String> errors,
                                               Map<String, String> modes);
    }

    /**
     * What the invoice's status allows, and whether the visitor may do it (a viewer is offered nothing). Only a draft is
     * edited, and only one whose every line has a product (the editor's rows); {@code lockedLines} says why another is not.
     */
    public record Actions(boolean edit, boolean lockedLines, boolean issue, boolean pay, boolean cancel, String balanceDue) {

        static Actions of(InvoiceView invoice, boolean mayWrite) {
            String status = Objects.toString(invoice.getStatus(), "");
            boolean payable = status.equals("issued") || status.equals("partially_paid");
            boolean draft = mayWrite && status.equals("draft");
            return new Actions(draft && InvoiceForm.editable(invoice), draft && !InvoiceForm.editable(invoice), draft, mayWrite && payable,
                    mayWrite && status.equals("issued"), invoice.getBalanceDue() == null ? "" : invoice.getBalanceDue().toPlainString());
        }

        public boolean any() {
            return edit || issue || pay || cancel;
        }
    }

    private final Gateway gateway;
    private final Visits visits;
    private final Picker picker;

    InvoiceResource(Gateway gateway, Visits visits, Picker picker) {
        this.gateway = gateway;
        this.visits = visits;
        this.picker = picker;
    }

    // ---- the list ----

    @GET
    public RestResponse<TemplateInstance> list(@PathParam("slug") String slug, @RestQuery @DefaultValue("1") int page,
                                               @CookieParam(SessionCookie.NAME) String sessionId,
                                               @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        int p = Math.max(1, page);
        var data = gateway.invoices().listInvoices(slug, null, null, null, p, LIST_PAGE_SIZE, null, visit.bearer()).getData();
        List<InvoiceView> items = data.getItems() == null ? List.of() : data.getItems();
        String base = visit.workspace().base();
        SectionTable table = new SectionTable("Invoices", List.of("Number", "Date", "Status", "Total", "Balance due"),
                List.of("Total", "Balance due"), items.stream()
                .map(i -> List.of(i.getNumber() == null ? "Draft #" + i.getId() : i.getNumber(), IndianFormats.date(i.getInvoiceDate()),
                        status(i.getStatus()), IndianFormats.rupees(i.getTotal()), IndianFormats.rupees(i.getBalanceDue())))
                .toList(), p, data.getTotalPages() == null ? 1 : Math.max(1, data.getTotalPages()),
                data.getTotalItems() == null ? 0 : data.getTotalItems());
        List<String> links = items.stream().map(i -> base + "invoices/" + i.getId()).toList();
        return RestResponse.ok(Templates.list(visit.chrome("Invoices · " + visit.workspace().companyName()), table, links, base,
                visit.workspace().mayWrite()));
    }

    // ---- the editor ----

    @GET
    @Path("/new")
    public TemplateInstance editor(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                   @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        visit.requireWrite("create invoices", "invoices", "the invoices");
        return editorPage(visit, null, InvoiceForm.blank(), Map.of(), null, null);
    }

    /** One more row, appended by htmx to the editor's lines. */
    @POST
    @Path("/new/line")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance line(@PathParam("slug") String slug, @BeanParam InvoiceForm form,
                                 @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return Templates.editor$line(InvoiceForm.Row.blank(form.size()), visit.workspace().base());
    }

    /** The totals as issuing would compute them (the API's preview; nothing is stored), and its errors at their fields. */
    @POST
    @Path("/new/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance preview(@PathParam("slug") String slug, @BeanParam InvoiceForm form,
                                    @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        SupplyTerms terms = SupplyTerms.of(picker.party(slug, "customers", form.customerId, visit).fill().get("gst_category"), form.termsFor);
        try {
            Totals totals = Totals.of(gateway.invoices().previewInvoice(slug, form.toRequest(), visit.bearer()).getData());
            return Templates.editor$preview(totals, null, form.rows(Map.of()), Map.of(), true, form, terms);
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return Templates.editor$preview(null, problem(error), form.rows(error.fieldErrors()), error.fieldErrors(), true, form, terms);
        }
    }

    /** "Save draft" creates the invoice; "Save and issue" then issues it. Either leads to the invoice's page. */
    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> save(@PathParam("slug") String slug, @BeanParam InvoiceForm form, @RestForm String action,
                                               @CookieParam(SessionCookie.NAME) String sessionId,
                                               @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return saved(visit, null, form, action);
    }

    /** A draft in the editor, filled with its customer and lines; the live preview works as for a new invoice. */
    @GET
    @Path("/{id:\\d+}/edit")
    public TemplateInstance edit(@PathParam("slug") String slug, @PathParam("id") long id, @CookieParam(SessionCookie.NAME) String sessionId,
                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        visit.requireWrite("change invoices", "invoices/" + id, "the invoice");
        InvoiceView invoice = gateway.invoices().getInvoice(slug, id, visit.bearer()).getData();
        if (!"draft".equals(invoice.getStatus())) {
            // No Edit is offered for it; an address typed by hand gets the invoice, saying why.
            return invoicePage(visit, id, null, "Only a draft can be changed; this invoice is " + status(invoice.getStatus()).toLowerCase()
                    + ".", "edit", Map.of());
        }
        return editorPage(visit, id, InvoiceForm.of(invoice), Map.of(), null, null);
    }

    /** The draft saved through {@code updateInvoice} (the API refuses one no longer a draft, in its words), then issued if asked. */
    @POST
    @Path("/{id:\\d+}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> update(@PathParam("slug") String slug, @PathParam("id") long id, @BeanParam InvoiceForm form,
                                                 @RestForm String action, @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return saved(visit, id, form, action);
    }

    private RestResponse<TemplateInstance> saved(Visit visit, Long editing, InvoiceForm form, String action) throws ApiException {
        String slug = visit.tenant().getSlug();
        InvoiceView draft;
        try {
            draft = editing == null ? gateway.invoices().createInvoice(slug, form.toRequest(), visit.bearer()).getData()
                    : gateway.invoices().updateInvoice(slug, editing, form.toRequest(), visit.bearer()).getData();
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), editorPage(visit, editing, form, error.fieldErrors(), problem(error), null));
        }
        String page = visit.workspace().base() + "invoices/" + draft.getId();
        if (!"issue".equals(action)) {
            return RestResponse.seeOther(URI.create(page + "?done=saved"));
        }
        try {
            gateway.invoices().issueInvoice(slug, draft.getId(), visit.bearer());
            return RestResponse.seeOther(URI.create(page + "?done=issued"));
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            // The draft is kept (and edited from here on); a stock refusal names the product, so it is shown at that line's quantity.
            Map<String, String> errors = error.fieldErrors();
            if ("INSUFFICIENT_STOCK".equals(error.code())) {
                for (ProductView p : picker.productViews(slug, form.chosenProducts(), visit).values()) {
                    int row = form.rowOf(p.getId());
                    if (row >= 0 && p.getSku() != null && error.message().contains("'" + p.getSku() + "'")) {
                        errors = form.withQuantityError(errors, row, error.message());
                    }
                }
            }
            return PageErrors.withStatus(error.status(), editorPage(visit, draft.getId(), form, errors, "The draft is saved (" + page
                    + ") but was not issued: " + error.message(), null));
        }
    }

    private TemplateInstance editorPage(Visit visit, Long editing, InvoiceForm form, Map<String, String> errors, String problem,
                                        Totals totals) {
        String slug = visit.tenant().getSlug();
        Choice customer = picker.party(slug, "customers", form.customerId, visit);
        Map<String, Choice> products = picker.products(slug, form.chosenProducts(), visit);
        String title = editing == null ? "New invoice" : "Draft invoice #" + editing;
        return Templates.editor(visit.chrome(title + " · " + visit.workspace().companyName()), visit.workspace().base(), editing, form,
                form.rows(errors, products), customer, errors, problem, totals, visit.workspace().mayWrite(), false,
                SupplyTerms.of(customer.fill().get("gst_category"), null));
    }

    // ---- an invoice ----

    @GET
    @Path("/{id:\\d+}")
    public TemplateInstance invoice(@PathParam("slug") String slug, @PathParam("id") long id, @RestQuery String done,
                                    @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return invoicePage(visit, id, notice(done), null, null, Map.of());
    }

    @POST
    @Path("/{id:\\d+}/issue")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> issue(@PathParam("slug") String slug, @PathParam("id") long id,
                                                @CookieParam(SessionCookie.NAME) String sessionId,
                                                @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.invoices().issueInvoice(slug, id, visit.bearer());
            return done(visit, id, "issued");
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), invoicePage(visit, id, null, problem(error), "issue", error.fieldErrors()));
        }
    }

    @POST
    @Path("/{id:\\d+}/payments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> pay(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String amount,
                                              @RestForm String mode, @RestForm String reference,
                                              @CookieParam(SessionCookie.NAME) String sessionId,
                                              @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.invoices().recordInvoicePayment(slug, id, new PaymentRequest().amount(InvoiceForm.number(amount)).mode(mode)
                    .reference(reference == null || reference.isBlank() ? null : reference.trim()), visit.bearer());
            return done(visit, id, "paid");
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), invoicePage(visit, id, null, problem(error), "payment", error.fieldErrors()));
        }
    }

    /** Cancelling an issued invoice makes its credit note (the API's). */
    @POST
    @Path("/{id:\\d+}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> cancel(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String reason,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.invoices().cancelInvoice(slug, id, new CancelRequest().reason(reason == null || reason.isBlank() ? null : reason.trim()),
                    visit.bearer());
            return done(visit, id, "cancelled");
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), invoicePage(visit, id, null, problem(error), "cancel", error.fieldErrors()));
        }
    }

    /** The tax invoice as invoicing-service renders it, streamed from here: the browser never talks to the gateway. */
    @GET
    @Path("/{id:\\d+}/pdf")
    public Response pdf(@PathParam("slug") String slug, @PathParam("id") long id, @CookieParam(SessionCookie.NAME) String sessionId,
                        @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        byte[] bytes = Downloads.readAndDelete(gateway.invoices().getInvoicePdf(slug, id, visit.bearer()), "PDF");
        return Response.ok(bytes, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"invoice-" + id + ".pdf\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store").build();
    }

    private TemplateInstance invoicePage(Visit visit, long id, String notice, String problem, String problemAt,
                                         Map<String, String> errors) throws ApiException {
        String slug = visit.tenant().getSlug();
        InvoiceView invoice = gateway.invoices().getInvoice(slug, id, visit.bearer()).getData();
        String customer = "#" + invoice.getCustomerId();
        if (invoice.getCustomerId() != null) {
            try {
                customer = gateway.customers().getCustomer(slug, invoice.getCustomerId(), visit.bearer()).getData().getName();
            } catch (ApiException gone) {
                // An archived or unreadable customer: its number says enough on this page.
            }
        }
        String title = invoice.getNumber() == null ? "Draft invoice #" + invoice.getId() : "Invoice " + invoice.getNumber();
        return Templates.invoice(visit.chrome(title + " · " + visit.workspace().companyName()), visit.workspace().base(), invoice,
                customer, Totals.of(invoice), status(invoice.getStatus()), IndianFormats.date(invoice.getInvoiceDate()), IndianFormats.rupees(invoice.getAmountPaid()), IndianFormats.rupees(invoice.getBalanceDue()),
                Actions.of(invoice, visit.workspace().mayWrite()), notice, problem, problemAt, errors, PAYMENT_MODES);
    }

    /** Back to the invoice, at its top (#main): the form's own anchor would otherwise be kept across the redirect. */
    private static RestResponse<TemplateInstance> done(Visit visit, long id, String what) {
        return RestResponse.seeOther(URI.create(visit.workspace().base() + "invoices/" + id + "?done=" + what + "#main"));
    }

    private static String notice(String done) {
        return done == null ? null : switch (done) {
            case "saved" -> "The draft is saved.";
            case "issued" -> "The invoice is issued.";
            case "paid" -> "The payment is recorded.";
            case "cancelled" -> "The invoice is cancelled; its credit note is made.";
            default -> null;
        };
    }

    private static Map<String, String> orderedModes() {
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put("upi", "UPI");
        modes.put("cash", "Cash");
        modes.put("bank_transfer", "Bank transfer");
        modes.put("cheque", "Cheque");
        modes.put("card", "Card");
        return modes;
    }

    /** A status as a person reads it: {@code partially_paid} → "Partially paid"; also the cash flow's and purchases' lists. */
    public static String status(String status) {
        if (status == null || status.isBlank()) {
            return "—";
        }
        String words = status.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static GatewayError formRefusal(ApiException e) throws ApiException {
        return Forms.refusal(e);
    }

    private static String problem(GatewayError error) {
        boolean allAtFields = !error.fieldErrors().isEmpty() && error.fieldErrors().keySet().stream().allMatch(InvoiceForm::shownAtField);
        return allAtFields ? "Check the fields marked below." : error.message();
    }
}
