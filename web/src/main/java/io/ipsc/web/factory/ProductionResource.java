package io.ipsc.web.factory;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.Bom;
import io.ipsc.client.model.CompletionRequest;
import io.ipsc.client.model.DecisionRequest;
import io.ipsc.client.model.Inspection;
import io.ipsc.client.model.InspectionRequest;
import io.ipsc.client.model.Material;
import io.ipsc.client.model.ProductionOrder;
import io.ipsc.client.model.ProductionOrderRequest;
import io.ipsc.client.model.Reading;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;
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

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Production, at {@code <workspace base>production}: the orders as a board by status (planned → released →
 * in progress → completed) with a form for a new order from a BOM, and an order's page with its materials, its
 * operations on a Gantt chart per work center (the API's schedule), its inspections, and the steps its status
 * allows: release, start, complete (good and rejected), cancel, record an inspection, decide on a failed one.
 * Each is a CSRF form, none offered to a viewer; the API decides, and its refusal is shown at the form.
 */
@Path("/t/{slug}/production")
@Blocking
public class ProductionResource {

    /** The board's columns, in the order an order moves through them. */
    static final List<String> COLUMNS = List.of("planned", "released", "in_progress", "completed");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance board(Chrome chrome, String base, List<Column> columns, List<ProductChoices.Choice> products,
                                             List<FactoryPickers.BomChoice> boms, Map<String, String> form, Map<String, String> errors, String problem, boolean mayWrite);

        static native TemplateInstance order(Chrome chrome, String base, ProductionOrder order, String product, String bom,
                                             String statusLabel, String good, String rejected, List<MaterialRow> materials, Gantt gantt, String loadHref,
                                             List<InspectionRow> inspections, Steps steps, Map<String, String> form,
                                             Map<String, String> errors, String problem, String problemAt, String notice);
    }

    /** A column of the board. */
    public record Column(String status, String label, List<Card> cards) {
    }

    /** An order on the board. */
    public record Card(Long id, String number, String product, String quantity, String due) {
    }

    public record MaterialRow(String product, String quantity, String unitCost) {
    }

    public record InspectionRow(Long id, String sample, String passed, String failed, String defects, String readings,
                                String result, String decision, boolean awaitsDecision) {

        /** The problem of this inspection's decision form is shown at it. */
        public String formKey() {
            return "decision-" + id;
        }
    }

    /** The steps the order's status allows to someone who may write (a viewer: none). */
    public record Steps(boolean release, boolean start, boolean complete, boolean cancel, boolean inspect, boolean decide,
                        String quantity) {

        static Steps of(ProductionOrder order, boolean mayWrite) {
            String s = Objects.toString(order.getStatus(), "");
            boolean open = s.equals("released") || s.equals("in_progress");
            return new Steps(mayWrite && s.equals("planned"), mayWrite && s.equals("released"), mayWrite && s.equals("in_progress"),
                    mayWrite && (s.equals("planned") || open), mayWrite && open, mayWrite, FactoryForms.plain(order.getQuantity()));
        }

        public boolean any() {
            return release || start || complete || cancel || inspect;
        }
    }

    private final Gateway gateway;
    private final Visits visits;

    ProductionResource(Gateway gateway, Visits visits) {
        this.gateway = gateway;
        this.visits = visits;
    }

    // ---- the board ----

    @GET
    public TemplateInstance board(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        return boardPage(visits.of(slug, sessionId, host), Map.of(), Map.of(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@PathParam("slug") String slug, @RestForm("order_number") String orderNumber,
                                                 @RestForm String product, @RestForm("bom_id") String bomId, @RestForm String quantity,
                                                 @RestForm("start_date") String startDate, @RestForm("due_date") String dueDate,
                                                 @RestForm String notes, @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        ProductionOrderRequest request = new ProductionOrderRequest().orderNumber(FactoryForms.blankAsNull(orderNumber))
                .bomId(FactoryForms.id(bomId)).quantity(FactoryForms.number(quantity)).startDate(FactoryForms.date(startDate))
                .dueDate(FactoryForms.date(dueDate)).notes(FactoryForms.blankAsNull(notes));
        try {
            ProductionOrder order = gateway.productionOrders().createProductionOrder(slug, request, visit.bearer()).getData();
            return done(visit, order.getId(), "created");
        } catch (ApiException e) {
            GatewayError error = FactoryForms.formRefusal(e);
            return PageErrors.withStatus(error.status(), boardPage(visit, FactoryForms.typed("order_number", orderNumber, "product", product, "bom_id", bomId,
                    "quantity", quantity, "start_date", startDate, "due_date", dueDate, "notes", notes), error.fieldErrors(), error.message()));
        }
    }

    private TemplateInstance boardPage(Visit visit, Map<String, String> form, Map<String, String> errors, String problem)
            throws ApiException {
        String slug = visit.tenant().getSlug();
        ProductChoices products = ProductChoices.of(gateway, slug, visit.bearer());
        List<Column> columns = new java.util.ArrayList<>();
        for (String status : COLUMNS) {
            List<ProductionOrder> orders = gateway.productionOrders().listProductionOrders(slug, 1, FactoryForms.CHOICES, status,
                    visit.bearer()).getData().getItems();
            columns.add(new Column(status, FactoryForms.label(status), (orders == null ? List.<ProductionOrder>of() : orders).stream()
                    .map(o -> new Card(o.getId(), Objects.toString(o.getOrderNumber(), "#" + o.getId()),
                            products.name(o.getProductId()), FactoryForms.plain(o.getQuantity()),
                            IndianFormats.date(o.getDueDate())))
                    .toList()));
        }
        // A product chosen before a refusal keeps its BOMs offered; the BOM chosen stays chosen among them.
        Long productId = FactoryForms.id(form.get("product"));
        List<FactoryPickers.BomChoice> boms = FactoryPickers.bomChoices(gateway, slug, visit.bearer(), productId, products);
        return Templates.board(visit.chrome("Production · " + visit.workspace().companyName()), visit.workspace().base(), columns,
                products.offered(form.get("product")), boms, form, errors, problem, visit.workspace().mayWrite());
    }

    // ---- an order ----

    @GET
    @Path("/{id:\\d+}")
    public TemplateInstance order(@PathParam("slug") String slug, @PathParam("id") long id, @RestQuery String done,
                                  @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        return orderPage(visits.of(slug, sessionId, host), id, Map.of(), Map.of(), null, null, notice(done));
    }

    @POST
    @Path("/{id:\\d+}/{step:release|start|cancel}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> step(@PathParam("slug") String slug, @PathParam("id") long id, @PathParam("step") String step,
                                               @CookieParam(SessionCookie.NAME) String sessionId,
                                               @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            switch (step) {
                case "release" -> gateway.productionOrders().releaseProductionOrder(slug, id, visit.bearer());
                case "start" -> gateway.productionOrders().startProductionOrder(slug, id, visit.bearer());
                default -> gateway.productionOrders().cancelProductionOrder(slug, id, visit.bearer());
            }
            return done(visit, id, step);
        } catch (ApiException e) {
            return refused(visit, id, e, step, Map.of());
        }
    }

    @POST
    @Path("/{id:\\d+}/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> complete(@PathParam("slug") String slug, @PathParam("id") long id,
                                                   @RestForm("good_quantity") String good, @RestForm("rejected_quantity") String rejected,
                                                   @CookieParam(SessionCookie.NAME) String sessionId,
                                                   @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.productionOrders().completeProductionOrder(slug, id, new CompletionRequest().goodQuantity(FactoryForms.number(good))
                    .rejectedQuantity(FactoryForms.number(rejected)), visit.bearer());
            return done(visit, id, "complete");
        } catch (ApiException e) {
            return refused(visit, id, e, "complete", FactoryForms.typed("good_quantity", good, "rejected_quantity", rejected));
        }
    }

    @POST
    @Path("/{id:\\d+}/inspections")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> inspect(@PathParam("slug") String slug, @PathParam("id") long id,
                                                  @RestForm("sample_size") String sample, @RestForm String passed, @RestForm String failed,
                                                  @RestForm("defect_codes") String defects, @RestForm("reading_name") String readingName,
                                                  @RestForm("reading_value") String readingValue, @RestForm("reading_min") String readingMin,
                                                  @RestForm("reading_max") String readingMax, @RestForm String notes,
                                                  @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        InspectionRequest request = new InspectionRequest().sampleSize(FactoryForms.whole(sample)).passed(FactoryForms.whole(passed))
                .failed(FactoryForms.whole(failed)).notes(FactoryForms.blankAsNull(notes));
        if (defects != null && !defects.isBlank()) {
            request.defectCodes(Arrays.stream(defects.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        // One reading may be given; a name without a value is sent as it is, and the API says what is missing.
        if (readingName != null && !readingName.isBlank()) {
            request.readings(List.of(new Reading().name(readingName.trim()).value(FactoryForms.number(readingValue))
                    .min(FactoryForms.number(readingMin)).max(FactoryForms.number(readingMax))));
        }
        try {
            gateway.quality().recordInspection(slug, id, request, visit.bearer());
            return done(visit, id, "inspected");
        } catch (ApiException e) {
            return refused(visit, id, e, "inspection", FactoryForms.typed("sample_size", sample, "passed", passed, "failed", failed,
                    "defect_codes", defects, "reading_name", readingName, "reading_value", readingValue, "reading_min", readingMin,
                    "reading_max", readingMax, "notes", notes));
        }
    }

    @POST
    @Path("/{id:\\d+}/inspections/{inspection:\\d+}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> decide(@PathParam("slug") String slug, @PathParam("id") long id,
                                                 @PathParam("inspection") long inspection, @RestForm String decision, @RestForm String notes,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.quality().decideInspection(slug, inspection, id, new DecisionRequest().decision(FactoryForms.blankAsNull(decision))
                    .notes(FactoryForms.blankAsNull(notes)), visit.bearer());
            return done(visit, id, "decided");
        } catch (ApiException e) {
            return refused(visit, id, e, "decision-" + inspection, Map.of());
        }
    }

    private RestResponse<TemplateInstance> refused(Visit visit, long id, ApiException e, String at, Map<String, String> typed)
            throws ApiException {
        GatewayError error = FactoryForms.formRefusal(e);
        return PageErrors.withStatus(error.status(), orderPage(visit, id, typed, error.fieldErrors(), error.message(), at, null));
    }

    private TemplateInstance orderPage(Visit visit, long id, Map<String, String> form, Map<String, String> errors, String problem,
                                       String problemAt, String notice) throws ApiException {
        String slug = visit.tenant().getSlug();
        Map<String, String> bearer = visit.bearer();
        ProductionOrder order = gateway.productionOrders().getProductionOrder(slug, id, bearer).getData();
        ProductChoices products = ProductChoices.of(gateway, slug, bearer);
        Map<Long, String> workCenters = FactoryForms.workCenters(gateway, slug, bearer);
        String bom = "#" + order.getBomId();
        try {
            Bom b = gateway.boms().getBom(slug, order.getBomId(), bearer).getData();
            bom = Objects.toString(b.getBomId(), bom) + " v" + Objects.toString(order.getBomVersion(), Objects.toString(b.getVersion(), ""));
        } catch (ApiException gone) {
            // A BOM removed since: its number says enough here.
        }
        List<MaterialRow> materials = (order.getMaterials() == null ? List.<Material>of() : order.getMaterials()).stream()
                .map(m -> new MaterialRow(products.name(m.getProductId()), FactoryForms.plain(m.getQuantity()),
                        IndianFormats.rupees(m.getUnitCost()))).toList();
        List<Inspection> found = gateway.quality().listInspections(slug, id, bearer).getData();
        List<InspectionRow> inspections = (found == null ? List.<Inspection>of() : found).stream().map(ProductionResource::row).toList();
        String[] span = Gantt.span(order.getOperations());
        String loadHref = span == null ? null : visit.workspace().base() + "work-centers?from=" + span[0] + "&to=" + span[1];
        String title = "Production order " + Objects.toString(order.getOrderNumber(), "#" + id);
        return Templates.order(visit.chrome(title + " · " + visit.workspace().companyName()), visit.workspace().base(), order,
                products.name(order.getProductId()), bom, FactoryForms.label(order.getStatus()),
                order.getGoodQuantity() == null ? null : FactoryForms.plain(order.getGoodQuantity()),
                order.getRejectedQuantity() == null ? null : FactoryForms.plain(order.getRejectedQuantity()), materials,
                Gantt.of(order.getOperations(), workCenters), loadHref, inspections, Steps.of(order, visit.workspace().mayWrite()),
                form, errors, problem, problemAt, notice);
    }

    private static InspectionRow row(Inspection i) {
        String readings = i.getReadings() == null ? "" : String.join("; ", i.getReadings().stream()
                .map(r -> r.getName() + " " + FactoryForms.plain(r.getValue()) + (Boolean.FALSE.equals(r.getWithinLimits()) ? " (out of limits)" : ""))
                .toList());
        boolean awaits = "failed".equals(i.getResult()) && i.getDecision() == null;
        return new InspectionRow(i.getId(), Objects.toString(i.getSampleSize(), "—"), Objects.toString(i.getPassed(), "—"),
                Objects.toString(i.getFailed(), "—"), i.getDefectCodes() == null ? "" : String.join(", ", i.getDefectCodes()), readings,
                FactoryForms.label(i.getResult()), i.getDecision() == null ? "—" : FactoryForms.label(i.getDecision()), awaits);
    }

    /** Back to the order, at its top: the form's anchor would otherwise be kept across the redirect. */
    private static RestResponse<TemplateInstance> done(Visit visit, long id, String what) {
        return RestResponse.seeOther(URI.create(visit.workspace().base() + "production/" + id + "?done=" + what + "#main"));
    }

    private static String notice(String done) {
        return done == null ? null : switch (done) {
            case "created" -> "The order is planned. Release it to fix its materials and schedule its operations.";
            case "release" -> "The order is released: its materials are fixed and its operations scheduled.";
            case "start" -> "The order is in progress.";
            case "complete" -> "The order is completed; the stock movements are on their way to the products.";
            case "cancel" -> "The order is cancelled.";
            case "inspected" -> "The inspection is recorded.";
            case "decided" -> "The decision is recorded.";
            default -> null;
        };
    }
}
