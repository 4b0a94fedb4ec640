package io.ipsc.web.clinic;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.MovementRequest;
import io.ipsc.client.model.Supply;
import io.ipsc.client.model.SupplyMovement;
import io.ipsc.client.model.SupplyRequest;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayCalls;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.workspace.Visits;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
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

import java.math.BigDecimal;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The clinic's dental supplies at {@code <workspace base>supplies} (with {@code inventory_management}): the list with
 * dental-service's low-stock warnings (its {@code low-stock} list and each supply's {@code low_stock}), adding a supply,
 * and a supply's page with its movements, receiving and consuming. Stock is dental-service's: nothing is counted here.
 */
@Path("/t/{slug}/supplies")
@Blocking
public class SupplyResource {

    static final int PAGE_SIZE = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Chrome chrome, String base, String search, List<SupplyRow> supplies, List<SupplyRow> low,
                                            int page, int totalPages, long totalItems, NewSupply form, Map<String, String> errors,
                                            String problem, String notice, boolean mayWrite);

        static native TemplateInstance supply(Chrome chrome, String base, SupplyRow supply, List<MovementRow> movements,
                                              String problem, String problemAt, Map<String, String> errors, String notice,
                                              boolean mayWrite);
    }

    public record SupplyRow(long id, String name, String unit, String stock, String reorderLevel, boolean low, String notes) {

        static SupplyRow of(Supply s) {
            return new SupplyRow(s.getId(), Objects.toString(s.getName(), "—"), Objects.toString(s.getUnit(), ""), quantity(s.getStock()),
                    quantity(s.getReorderLevel()), Boolean.TRUE.equals(s.getLowStock()), Objects.toString(s.getNotes(), ""));
        }
    }

    public record MovementRow(String when, String kind, String quantity, String stockAfter, String note) {
    }

    /** The add-a-supply form, as typed. */
    public record NewSupply(String name, String unit, String reorderLevel, String openingStock, String notes) {

        static NewSupply blank() {
            return new NewSupply("", "", "", "", "");
        }
    }

    private final Gateway gateway;
    private final Visits visits;
    private final GatewayCalls calls;

    SupplyResource(Gateway gateway, Visits visits, GatewayCalls calls) {
        this.gateway = gateway;
        this.visits = visits;
        this.calls = calls;
    }

    @GET
    public TemplateInstance list(@PathParam("slug") String slug, @RestQuery String search, @RestQuery @DefaultValue("1") int page,
                                 @RestQuery String done, @CookieParam(SessionCookie.NAME) String sessionId,
                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return listPage(visit, FormValues.text(search), page, NewSupply.blank(), Map.of(), null, "created".equals(done) ? "The supply is added." : null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@PathParam("slug") String slug, @RestForm String name, @RestForm String unit,
                                                 @RestForm("reorder_level") String reorderLevel,
                                                 @RestForm("opening_stock") String openingStock, @RestForm String notes,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        NewSupply form = new NewSupply(Objects.toString(name, ""), Objects.toString(unit, ""), Objects.toString(reorderLevel, ""),
                Objects.toString(openingStock, ""), Objects.toString(notes, ""));
        Map<String, String> errors = new HashMap<>();
        SupplyRequest request = new SupplyRequest().name(FormValues.text(name)).unit(FormValues.text(unit))
                .reorderLevel(FormValues.decimal("reorder_level", reorderLevel, errors))
                .openingStock(FormValues.decimal("opening_stock", openingStock, errors)).notes(FormValues.text(notes));
        int status = 400;
        String problem = "Check the fields marked below.";
        if (errors.isEmpty()) {
            try {
                gateway.dentalSupplies().createSupply(slug, request, visit.bearer());
                return RestResponse.seeOther(URI.create(visit.workspace().base() + "supplies?done=created#main"));
            } catch (ApiException e) {
                GatewayError error = PatientResource.formRefusal(e);
                errors.putAll(error.fieldErrors());
                status = error.status();
                problem = error.fieldErrors().isEmpty() ? error.message() : problem;
            }
        }
        return PageErrors.withStatus(status, listPage(visit, null, 1, form, errors, problem, null));
    }

    private TemplateInstance listPage(Visit visit, String search, int page, NewSupply form, Map<String, String> errors, String problem,
                                      String notice) throws ApiException {
        String slug = visit.tenant().getSlug();
        int p = Math.max(1, page);
        CompletableFuture<List<Supply>> low = calls.start(() -> PatientResource.items(gateway.dentalSupplies()
                .listLowStockSupplies(slug, 1, 100, visit.bearer()).getData().getItems()));
        var data = gateway.dentalSupplies().listSupplies(slug, p, search, PAGE_SIZE, visit.bearer()).getData();
        return Templates.list(visit.chrome("Dental supplies · " + visit.workspace().companyName()), visit.workspace().base(),
                search == null ? "" : search, PatientResource.items(data.getItems()).stream().map(SupplyRow::of).toList(),
                GatewayCalls.await(low).stream().map(SupplyRow::of).toList(), p,
                data.getTotalPages() == null ? 1 : Math.max(1, data.getTotalPages()), data.getTotalItems() == null ? 0 : data.getTotalItems(),
                form, errors, problem, notice, visit.workspace().mayWrite());
    }

    // ---- a supply

    @GET
    @Path("/{id:\\d+}")
    public TemplateInstance supply(@PathParam("slug") String slug, @PathParam("id") long id, @RestQuery String done,
                                   @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        String notice = done == null ? null : switch (done) {
            case "received" -> "The receipt is recorded.";
            case "consumed" -> "The consumption is recorded.";
            default -> null;
        };
        return supplyPage(visit, id, null, null, Map.of(), notice);
    }

    @POST
    @Path("/{id:\\d+}/receipts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> receive(@PathParam("slug") String slug, @PathParam("id") long id,
                                                  @RestForm("receive-quantity") String quantity,
                                                  @RestForm String note, @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        return move(visits.of(slug, sessionId, host), id, "receipt", quantity, note);
    }

    @POST
    @Path("/{id:\\d+}/consumptions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> consume(@PathParam("slug") String slug, @PathParam("id") long id,
                                                  @RestForm("consume-quantity") String quantity,
                                                  @RestForm String note, @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        return move(visits.of(slug, sessionId, host), id, "consumption", quantity, note);
    }

    /**
     * A receipt or a consumption; a refusal (more than the stock: 422 INSUFFICIENT_STOCK) is shown at its form, an error about
     * the quantity at that form's quantity field ({@code errors} keyed by the form: {@code receipt} or {@code consumption}).
     */
    private RestResponse<TemplateInstance> move(Visit visit, long id, String kind, String quantity, String note) throws ApiException {
        String slug = visit.tenant().getSlug();
        Map<String, String> errors = new HashMap<>();
        MovementRequest request = new MovementRequest().quantity(FormValues.decimal(kind, quantity, errors)).note(FormValues.text(note));
        int status = 400;
        String problem = "Check the quantity.";
        if (errors.isEmpty()) {
            try {
                if (kind.equals("receipt")) {
                    gateway.dentalSupplies().receiveSupply(slug, id, request, visit.bearer());
                } else {
                    gateway.dentalSupplies().consumeSupply(slug, id, request, visit.bearer());
                }
                return RestResponse.seeOther(URI.create(visit.workspace().base() + "supplies/" + id + "?done="
                        + (kind.equals("receipt") ? "received" : "consumed") + "#main"));
            } catch (ApiException e) {
                GatewayError error = PatientResource.formRefusal(e);
                if (error.fieldErrors().containsKey("quantity")) {
                    errors.put(kind, error.fieldErrors().get("quantity"));
                }
                status = error.status();
                problem = error.message();
            }
        }
        return PageErrors.withStatus(status, supplyPage(visit, id, problem, kind, errors, null));
    }

    private TemplateInstance supplyPage(Visit visit, long id, String problem, String problemAt, Map<String, String> errors, String notice)
            throws ApiException {
        String slug = visit.tenant().getSlug();
        CompletableFuture<List<SupplyMovement>> movements = calls.start(() -> PatientResource.items(gateway.dentalSupplies()
                .listSupplyMovements(slug, id, 1, 100, visit.bearer()).getData().getItems()));
        Supply supply = gateway.dentalSupplies().getSupply(slug, id, visit.bearer()).getData();
        List<MovementRow> rows = GatewayCalls.await(movements).stream()
                .map(m -> new MovementRow(IndianFormats.dateTime(m.getCreatedAt()), "receipt".equals(m.getKind()) ? "Received" : "Used",
                        quantity(m.getQuantity()), quantity(m.getStockAfter()), Objects.toString(m.getNote(), "")))
                .toList();
        return Templates.supply(visit.chrome(supply.getName() + " · " + visit.workspace().companyName()), visit.workspace().base(),
                SupplyRow.of(supply), rows, problem, problemAt, errors, notice, visit.workspace().mayWrite());
    }

    /** 12.500 → "12.5"; quantities are counts or measures, not money. */
    static String quantity(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }
}
