package io.ipsc.web.factory;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.Bom;
import io.ipsc.client.model.BomRequest;
import io.ipsc.client.model.ComponentLine;
import io.ipsc.client.model.ComponentRequest;
import io.ipsc.client.model.Explosion;
import io.ipsc.client.model.OperationLine;
import io.ipsc.client.model.OperationRequest;
import io.ipsc.client.model.UnitCost;
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

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's bills of materials, at {@code <workspace base>boms}: the list with a form for a new BOM, and a
 * BOM's page with its components as an expandable tree, beside it the API's explosion for N units and its
 * cost roll-up (material and operations), and forms to add a component or an operation. Every figure is
 * manufacturing-service's; a cycle is the API's refusal (its message names the cycle), shown at the form.
 */
@Path("/t/{slug}/boms")
@Blocking
public class BomResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Chrome chrome, String base, List<BomRow> boms, List<ProductChoices.Choice> products,
                                            Map<String, String> form, Map<String, String> errors, String problem, boolean mayWrite);

        static native TemplateInstance bom(Chrome chrome, String base, Bom bom, String product, BomTree tree, String quantity,
                                           Figures figures, String figuresProblem, List<ComponentRow> components,
                                           List<OperationRow> operations, List<ProductChoices.Choice> products,
                                           Map<Long, String> workCenters, FormState edit, String notice, boolean mayWrite,
                                           boolean mayRemove);
    }

    /** A BOM in the list. */
    public record BomRow(Long id, String code, String product, String version, String description, boolean isDefault) {
    }

    /** A component of this BOM (not of its sub-assemblies: those are changed on their own BOM's page), as its row's form shows it. */
    public record ComponentRow(Long id, Long productId, String product, String quantity, String scrap, String unitCost) {

        /** Where the row's refusal is shown, and its anchor. */
        public String key() {
            return "component-" + id;
        }
    }

    /** An operation of the BOM, its work center named. */
    public record OperationRow(Long id, String sequence, String name, Long workCenterId, String workCenter, String setupMinutes,
                               String minutesPerUnit) {

        public String key() {
            return "operation-" + id;
        }
    }

    /** The explosion's materials and the cost roll-up for the same N, as the API computed them. */
    public record Figures(List<Line> materials, String materialCost, List<Line> costMaterials, List<Line> costOperations,
                          String unitMaterialCost, String unitOperationCost, String unitTotalCost) {
    }

    /** A row of the explosion or the roll-up: what, how much, at what unit cost, costing what. */
    public record Line(String what, String quantity, String unitCost, String cost, boolean subAssembly) {
    }

    private final Gateway gateway;
    private final Visits visits;

    BomResource(Gateway gateway, Visits visits) {
        this.gateway = gateway;
        this.visits = visits;
    }

    @GET
    public TemplateInstance list(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return listPage(visit, Map.of(), Map.of(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@PathParam("slug") String slug, @RestForm("bom_id") String code,
                                                 @RestForm("product_id") String productId, @RestForm String description,
                                                 @RestForm String version, @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        BomRequest request = new BomRequest().bomId(FactoryForms.blankAsNull(code)).productId(FactoryForms.id(productId))
                .description(FactoryForms.blankAsNull(description)).version(FactoryForms.blankAsNull(version));
        try {
            Bom bom = gateway.boms().createBom(slug, request, visit.bearer()).getData();
            return RestResponse.seeOther(URI.create(visit.workspace().base() + "boms/" + bom.getId() + "?done=created#main"));
        } catch (ApiException e) {
            GatewayError error = FactoryForms.formRefusal(e);
            Map<String, String> typed = FactoryForms.typed("bom_id", code, "product_id", productId, "description", description, "version", version);
            return PageErrors.withStatus(error.status(), listPage(visit, typed, error.fieldErrors(), error.message()));
        }
    }

    @GET
    @Path("/{id:\\d+}")
    public RestResponse<TemplateInstance> bom(@PathParam("slug") String slug, @PathParam("id") long id,
                                              @RestQuery @DefaultValue("1") String quantity, @RestQuery String done,
                                              @CookieParam(SessionCookie.NAME) String sessionId,
                                              @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return bomPage(visit, id, quantity, FormState.none(), notice(done));
    }

    @POST
    @Path("/{id:\\d+}/components")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> addComponent(@PathParam("slug") String slug, @PathParam("id") long id,
                                                       @RestForm("product_id") String productId,
                                                       @RestForm("quantity_per_unit") String quantityPerUnit,
                                                       @RestForm("scrap_percent") String scrapPercent, @RestForm("unit_cost") String unitCost,
                                                       @CookieParam(SessionCookie.NAME) String sessionId,
                                                       @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        ComponentRequest request = new ComponentRequest().productId(FactoryForms.id(productId))
                .quantityPerUnit(FactoryForms.number(quantityPerUnit)).scrapPercent(FactoryForms.number(scrapPercent))
                .unitCost(FactoryForms.number(unitCost));
        try {
            gateway.boms().addBomComponent(slug, id, request, visit.bearer());
            return done(visit, id, null, "component");
        } catch (ApiException e) {
            return refused(visit, id, null, e, "component", FactoryForms.typed("product_id", productId, "quantity_per_unit",
                    quantityPerUnit, "scrap_percent", scrapPercent, "unit_cost", unitCost));
        }
    }

    @POST
    @Path("/{id:\\d+}/operations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> addOperation(@PathParam("slug") String slug, @PathParam("id") long id,
                                                       @RestForm String sequence, @RestForm String name,
                                                       @RestForm("work_center_id") String workCenterId,
                                                       @RestForm("setup_minutes") String setupMinutes,
                                                       @RestForm("minutes_per_unit") String minutesPerUnit,
                                                       @CookieParam(SessionCookie.NAME) String sessionId,
                                                       @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.boms().addBomOperation(slug, id, operation(sequence, name, workCenterId, setupMinutes, minutesPerUnit), visit.bearer());
            return done(visit, id, null, "operation");
        } catch (ApiException e) {
            return refused(visit, id, null, e, "operation", FactoryForms.typed("sequence", sequence, "name", name,
                    "work_center_id", workCenterId, "setup_minutes", setupMinutes, "minutes_per_unit", minutesPerUnit));
        }
    }

    @POST
    @Path("/{id:\\d+}/components/{componentId:\\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> changeComponent(@PathParam("slug") String slug, @PathParam("id") long id,
                                                          @PathParam("componentId") long componentId, @RestForm("product_id") String productId,
                                                          @RestForm("quantity_per_unit") String quantityPerUnit,
                                                          @RestForm("scrap_percent") String scrapPercent, @RestForm("unit_cost") String unitCost,
                                                          @RestForm String quantity, @CookieParam(SessionCookie.NAME) String sessionId,
                                                          @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        ComponentRequest request = new ComponentRequest().productId(FactoryForms.id(productId))
                .quantityPerUnit(FactoryForms.number(quantityPerUnit)).scrapPercent(FactoryForms.number(scrapPercent))
                .unitCost(FactoryForms.number(unitCost));
        try {
            gateway.boms().updateBomComponent(slug, componentId, id, request, visit.bearer());
            return done(visit, id, quantity, "component-changed");
        } catch (ApiException e) {
            return refused(visit, id, quantity, e, "component-" + componentId, FactoryForms.typed("quantity_per_unit", quantityPerUnit,
                    "scrap_percent", scrapPercent, "unit_cost", unitCost));
        }
    }

    @POST
    @Path("/{id:\\d+}/operations/{operationId:\\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> changeOperation(@PathParam("slug") String slug, @PathParam("id") long id,
                                                          @PathParam("operationId") long operationId, @RestForm String sequence,
                                                          @RestForm String name, @RestForm("work_center_id") String workCenterId,
                                                          @RestForm("setup_minutes") String setupMinutes,
                                                          @RestForm("minutes_per_unit") String minutesPerUnit, @RestForm String quantity,
                                                          @CookieParam(SessionCookie.NAME) String sessionId,
                                                          @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.boms().updateBomOperation(slug, id, operationId, operation(sequence, name, workCenterId, setupMinutes, minutesPerUnit),
                    visit.bearer());
            return done(visit, id, quantity, "operation-changed");
        } catch (ApiException e) {
            return refused(visit, id, quantity, e, "operation-" + operationId, FactoryForms.typed("sequence", sequence, "name", name,
                    "work_center_id", workCenterId, "setup_minutes", setupMinutes, "minutes_per_unit", minutesPerUnit));
        }
    }

    /** Removes a component or an operation (managers and admins: the API decides), back to the page for the same N. */
    @POST
    @Path("/{id:\\d+}/{kind:components|operations}/{lineId:\\d+}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> removeLine(@PathParam("slug") String slug, @PathParam("id") long id, @PathParam("kind") String kind,
                                                     @PathParam("lineId") long lineId, @RestForm String quantity,
                                                     @CookieParam(SessionCookie.NAME) String sessionId,
                                                     @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        boolean component = "components".equals(kind);
        String line = component ? "component" : "operation";
        try {
            if (component) {
                gateway.boms().removeBomComponent(slug, lineId, id, visit.bearer());
            } else {
                gateway.boms().removeBomOperation(slug, id, lineId, visit.bearer());
            }
            return done(visit, id, quantity, line + "-removed");
        } catch (ApiException e) {
            return refused(visit, id, quantity, e, line + "-" + lineId, Map.of());
        }
    }

    /** The BOM's page again with the API's refusal at the form it concerns ({@code at}: a row's key), what was typed kept. */
    private RestResponse<TemplateInstance> refused(Visit visit, long id, String quantity, ApiException e, String at,
                                                   Map<String, String> typed) throws ApiException {
        GatewayError error = FactoryForms.formRefusal(e);
        return PageErrors.withStatus(error.status(), bomPage(visit, id, shownQuantity(quantity),
                new FormState(at, typed, error.fieldErrors(), error.message()), null).getEntity());
    }

    private static OperationRequest operation(String sequence, String name, String workCenterId, String setupMinutes, String minutesPerUnit) {
        return new OperationRequest().sequence(FactoryForms.whole(sequence)).name(FactoryForms.blankAsNull(name))
                .workCenterId(FactoryForms.id(workCenterId)).setupMinutes(FactoryForms.number(setupMinutes))
                .minutesPerUnit(FactoryForms.number(minutesPerUnit));
    }

    private TemplateInstance listPage(Visit visit, Map<String, String> form, Map<String, String> errors, String problem)
            throws ApiException {
        String slug = visit.tenant().getSlug();
        ProductChoices products = ProductChoices.of(gateway, slug, visit.bearer());
        List<Bom> boms = gateway.boms().listBoms(slug, 1, null, FactoryForms.CHOICES, visit.bearer()).getData().getItems();
        List<BomRow> rows = (boms == null ? List.<Bom>of() : boms).stream()
                .map(b -> new BomRow(b.getId(), Objects.toString(b.getBomId(), "#" + b.getId()), products.name(b.getProductId()),
                        Objects.toString(b.getVersion(), "—"), Objects.toString(b.getDescription(), ""), Boolean.TRUE.equals(b.getIsDefault())))
                .toList();
        return Templates.list(visit.chrome("Bills of materials · " + visit.workspace().companyName()), visit.workspace().base(), rows,
                products.offered(form.get("product_id")), form, errors, problem, visit.workspace().mayWrite());
    }

    private RestResponse<TemplateInstance> bomPage(Visit visit, long id, String quantity, FormState edit, String notice)
            throws ApiException {
        String slug = visit.tenant().getSlug();
        Map<String, String> bearer = visit.bearer();
        Bom bom = gateway.boms().getBom(slug, id, bearer).getData();
        ProductChoices products = ProductChoices.of(gateway, slug, bearer);
        Map<Long, String> workCenters = FactoryForms.workCenters(gateway, slug, bearer);
        Figures figures = null;
        String figuresProblem = null;
        try {
            figures = figures(slug, id, quantity, bearer, products);
        } catch (ApiException e) {
            // An unusable N (0, letters) is the API's to refuse: said at the field, the rest of the page stands.
            figuresProblem = FactoryForms.formRefusal(e).message();
        }
        List<ComponentRow> components = (bom.getComponents() == null ? List.<ComponentLine>of() : bom.getComponents()).stream()
                .map(c -> new ComponentRow(c.getId(), c.getProductId(), products.name(c.getProductId()), FactoryForms.plain(c.getQuantityPerUnit()),
                        FactoryForms.plain(c.getScrapPercent()), FactoryForms.plain(c.getUnitCost()))).toList();
        List<OperationRow> operations = (bom.getOperations() == null ? List.<OperationLine>of() : bom.getOperations())
                .stream().map(o -> new OperationRow(o.getId(), Objects.toString(o.getSequence(), "—"), Objects.toString(o.getName(), "—"),
                        o.getWorkCenterId(), o.getWorkCenterId() == null ? "—"
                                : workCenters.getOrDefault(o.getWorkCenterId(), "Work center #" + o.getWorkCenterId()),
                        FactoryForms.plain(o.getSetupMinutes()), FactoryForms.plain(o.getMinutesPerUnit()))).toList();
        String title = Objects.toString(bom.getBomId(), "BOM #" + id);
        TemplateInstance page = Templates.bom(visit.chrome(title + " · " + visit.workspace().companyName()), visit.workspace().base(), bom,
                products.name(bom.getProductId()), BomTree.of(gateway, slug, bearer, bom, products), quantity,
                figures, figuresProblem, components, operations, products.offered(edit.value("component", "product_id", null)), workCenters, edit,
                notice, visit.workspace().mayWrite(), visit.workspace().role().mayManage());
        return RestResponse.ok(page);
    }

    private Figures figures(String slug, long id, String quantity, Map<String, String> bearer, ProductChoices products)
            throws ApiException {
        Explosion explosion = gateway.boms().explodeBom(slug, id, quantity, bearer).getData();
        UnitCost cost = gateway.boms().getBomCost(slug, id, quantity, bearer).getData();
        List<Line> materials = (explosion.getMaterials() == null ? List.<io.ipsc.client.model.ExplosionLine>of() : explosion.getMaterials())
                .stream().map(m -> new Line(products.name(m.getProductId()), FactoryForms.plain(m.getQuantity()),
                        IndianFormats.rupees(m.getUnitCost()), IndianFormats.rupees(m.getCost()), false)).toList();
        List<Line> costMaterials = (cost.getMaterials() == null ? List.<io.ipsc.client.model.CostRollupLine>of() : cost.getMaterials())
                .stream().map(m -> new Line(products.name(m.getProductId()), FactoryForms.plain(m.getQuantity()),
                        IndianFormats.rupees(m.getUnitCost()), IndianFormats.rupees(m.getCost()), Boolean.TRUE.equals(m.getSubAssembly())))
                .toList();
        List<Line> costOperations = (cost.getOperations() == null ? List.<io.ipsc.client.model.OperationCost>of() : cost.getOperations())
                .stream().map(o -> new Line(Objects.toString(o.getSequence(), "") + " " + Objects.toString(o.getName(), ""),
                        FactoryForms.plain(o.getMinutesPerUnit()) + " min", "", IndianFormats.rupees(o.getCost()), false)).toList();
        return new Figures(materials, IndianFormats.rupees(explosion.getMaterialCost()), costMaterials, costOperations,
                IndianFormats.rupees(cost.getMaterialCost()), IndianFormats.rupees(cost.getOperationCost()),
                IndianFormats.rupees(cost.getTotalCost()));
    }

    /** Back to the BOM's page at its top, for the N it showed, so the explosion and the cost show what changed. */
    private static RestResponse<TemplateInstance> done(Visit visit, long id, String quantity, String what) {
        String n = shownQuantity(quantity);
        return RestResponse.seeOther(URI.create(visit.workspace().base() + "boms/" + id + "?"
                + ("1".equals(n) ? "" : "quantity=" + URLEncoder.encode(n, StandardCharsets.UTF_8) + "&") + "done=" + what + "#main"));
    }

    private static String shownQuantity(String quantity) {
        return quantity == null || quantity.isBlank() ? "1" : quantity.trim();
    }

    private static String notice(String done) {
        return done == null ? null : switch (done) {
            case "created" -> "The BOM is created. Add its components and operations below.";
            case "component" -> "The component is added.";
            case "operation" -> "The operation is added.";
            case "component-changed" -> "The component is changed.";
            case "component-removed" -> "The component is removed.";
            case "operation-changed" -> "The operation is changed.";
            case "operation-removed" -> "The operation is removed.";
            default -> null;
        };
    }
}
