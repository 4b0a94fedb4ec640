package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The factory's pages against a stand-in gateway: a BOM's tree through its sub-assembly with the API's
 * explosion and cost for N, an unusable N refused at its field, a cycle refused at the component's field with
 * the API's message, the board's columns, an order's Gantt data from the API's schedule, a quality hold
 * refused at the completion form, an inspection's reading sent as the API wants it, the load chart, and a
 * viewer offered no form. The browser test on the real suite is e2e's FactoryBrowserTest.
 */
@QuarkusTest
@QuarkusTestResource(value = FactoryStubGateway.class, restrictToAnnotatedClass = true)
class FactoryPagesTest {

    private static final String BASE = "/t/smile-dental/";

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        FactoryStubGateway.CALLS.clear();
    }

    @Test
    void aBomShowsItsTreeThroughTheSubAssemblyBesideTheApisExplosionAndCost() {
        String page = admin.get(BASE + "boms/1?quantity=10").then().statusCode(200).extract().asString();
        String tree = between(page, "id=\"bom-tree\"", "</ul>\n");
        // The sub-assembly opens onto its own BOM's components, one level down.
        assertTrue(tree.matches("(?s).*<details open><summary><span class=\"part\">Gear set · GS-1</span> <span class=\"qty\">× 2</span>.*"
                + "<a href=\"/t/smile-dental/boms/2\">BOM-002</a></summary><ul><li class=\"level-2\"><span class=\"part\">Steel rod · ROD-1</span> "
                + "<span class=\"qty\">× 3</span> <span class=\"scrap\">scrap 10%</span>.*"), tree);
        assertTrue(tree.contains("<li class=\"level-1\"><span class=\"part\">Steel rod · ROD-1</span> <span class=\"qty\">× 1.5</span> "
                + "<span class=\"scrap\">scrap 5%</span>"), tree);
        assertTrue(page.contains("id=\"explosion-cost\">₹9,810.00<"), page);
        assertTrue(page.contains("<td>Steel rod · ROD-1</td><td>81.75</td>"), page);
        assertTrue(page.contains("id=\"unit-material-cost\">₹981.00<") && page.contains("id=\"unit-operation-cost\">₹45.50<")
                && page.contains("id=\"unit-total-cost\">₹1,026.50<"), page);
        assertTrue(page.contains("Gear set · GS-1 <span class=\"tag\">sub-assembly</span>"), page);
        assertTrue(FactoryStubGateway.CALLS.contains("GET /api/tenants/smile-dental/boms/1/explode?quantity=10"), FactoryStubGateway.CALLS.toString());
        assertTrue(FactoryStubGateway.CALLS.contains("GET /api/tenants/smile-dental/boms/1/cost?quantity=10"), FactoryStubGateway.CALLS.toString());
    }

    @Test
    void anUnusableQuantityIsTheApisToRefuseAtItsField() {
        admin.get(BASE + "boms/1?quantity=0").then().statusCode(200)
                .body(containsString("id=\"quantity-error\">quantity must be more than zero<"))
                .body(containsString("id=\"bom-tree\""));
    }

    @Test
    void aCycleIsRefusedAtTheComponentWithTheApisMessageNamingIt() {
        String html = admin.submit(BASE + "boms/2", BASE + "boms/2/components",
                        Map.of("product_id", "1", "quantity_per_unit", "1", "scrap_percent", "0", "unit_cost", ""))
                .then().statusCode(422).extract().asString();
        assertTrue(html.contains("id=\"product_id-error\" role=\"alert\">" + FactoryStubGateway.CYCLE + "<"), html);
        // What was typed stays chosen.
        assertTrue(html.contains("<option value=\"1\" selected>Main assembly · MA-1</option>"), html);
        String sent = FactoryStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/tenants/smile-dental/boms/2/components"))
                .findFirst().orElseThrow();
        assertTrue(sent.contains("\"product_id\":1") && sent.contains("\"quantity_per_unit\":1") && !sent.contains("unit_cost"), sent);
    }

    @Test
    void theBoardHasAColumnPerStatusAndTheOrderItsScheduleAsAGantt() {
        String board = admin.get(BASE + "production").then().statusCode(200).extract().asString();
        for (String status : new String[] {"planned", "released", "in_progress", "completed"}) {
            assertTrue(board.contains("id=\"column-" + status + "\""), status);
        }
        String inProgress = between(board, "id=\"column-in_progress\"", "</section>");
        assertTrue(inProgress.contains("<a href=\"/t/smile-dental/production/9\">PO-001</a>") && inProgress.contains("due 20-01-2024"), inProgress);
        assertFalse(between(board, "id=\"column-planned\"", "</section>").contains("PO-001"));

        String order = admin.get(BASE + "production/9").then().statusCode(200).extract().asString();
        // The API's schedule as offsets from its first day: Assembly on days 0-1, Testing on day 2.
        assertTrue(order.contains("data-gantt=\"{&quot;days&quot;:[&quot;15-01-2024&quot;,&quot;16-01-2024&quot;,&quot;17-01-2024&quot;]")
                || order.contains("&quot;days&quot;:[&quot;15-01-2024&quot;,&quot;16-01-2024&quot;,&quot;17-01-2024&quot;]"), order);
        assertTrue(order.contains("&quot;label&quot;:&quot;Assembly Line 1 · 10 Assembly&quot;,&quot;from&quot;:0,&quot;to&quot;:1"), order);
        assertTrue(order.contains("&quot;label&quot;:&quot;Assembly Line 1 · 20 Testing&quot;,&quot;from&quot;:2,&quot;to&quot;:2"), order);
        assertTrue(order.contains("href=\"/t/smile-dental/work-centers?from=2024-01-15&amp;to=2024-01-17\""), order);
        assertTrue(order.contains("id=\"complete\"") && order.contains("id=\"record-inspection\"") && order.contains("id=\"decide-5\"")
                && !order.contains("id=\"release\"") && !order.contains("id=\"start\""), order);
        assertTrue(order.contains("diameter_mm 25.4 (out of limits)"), order);
    }

    @Test
    void aQualityHoldIsShownAtTheCompletionForm() {
        admin.submit(BASE + "production/9", BASE + "production/9/complete", Map.of("good_quantity", "95", "rejected_quantity", "5"))
                .then().statusCode(409)
                .body(containsString("id=\"complete-problem\">Production order PO-001 has 1 failed inspection awaiting a decision<"));
        String sent = FactoryStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/tenants/smile-dental/production-orders/9/complete"))
                .findFirst().orElseThrow();
        assertTrue(sent.contains("\"good_quantity\":95") && sent.contains("\"rejected_quantity\":5"), sent);
    }

    @Test
    void anInspectionIsSentWithItsReadingAndDefects() {
        admin.submit(BASE + "production/9", BASE + "production/9/inspections", Map.of("sample_size", "10", "passed", "10", "failed", "0",
                        "defect_codes", "SCRATCH, DENT", "reading_name", "diameter_mm", "reading_value", "25.1", "reading_min", "25",
                        "reading_max", "25.2"))
                .then().statusCode(303).header("Location", containsString("/t/smile-dental/production/9?done=inspected"));
        String sent = FactoryStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/tenants/smile-dental/production-orders/9/inspections"))
                .findFirst().orElseThrow();
        assertTrue(sent.contains("\"sample_size\":10") && sent.contains("\"defect_codes\":[\"SCRATCH\",\"DENT\"]")
                && sent.contains("\"name\":\"diameter_mm\"") && sent.contains("\"value\":25.1") && sent.contains("\"max\":25.2"), sent);
    }

    @Test
    void theWorkCentersShowTheirLoadAsAChart() {
        String page = admin.get(BASE + "work-centers?from=2024-01-15&to=2024-01-17").then().statusCode(200).extract().asString();
        assertTrue(page.contains("&quot;labels&quot;:[&quot;15-01-2024&quot;,&quot;16-01-2024&quot;,&quot;17-01-2024&quot;]"), page);
        assertTrue(page.contains("&quot;name&quot;:&quot;Assembly Line 1: booked&quot;,&quot;values&quot;:[100,11.03,2]"), page);
        assertTrue(page.contains("<td>Assembly Line 1</td><td>100</td><td>0.95</td><td>₹350.00</td><td>113.03</td><td>300</td><td>0</td>"), page);
        assertTrue(FactoryStubGateway.CALLS.contains("GET /api/tenants/smile-dental/work-centers/4/load?from=2024-01-15&to=2024-01-17"),
                FactoryStubGateway.CALLS.toString());
    }

    @Test
    void aComponentIsChangedInItsRowAndThePageShowsTheSameQuantityAgain() {
        String page = admin.get(BASE + "boms/1?quantity=10").then().statusCode(200).extract().asString();
        // This BOM's own lines are editable; the sub-assembly's parts are not (they are changed on BOM-002's page).
        assertTrue(page.contains("id=\"component-12-quantity_per_unit\" name=\"quantity_per_unit\" form=\"component-12-form\""), page);
        assertTrue(page.contains("id=\"component-11\"") && !page.contains("id=\"component-13\""), page);
        assertTrue(page.contains("id=\"remove-component-12\"") && page.contains("id=\"remove-operation-21\""), page);
        admin.submit(BASE + "boms/1?quantity=10", BASE + "boms/1/components/12", Map.of("product_id", "3", "quantity_per_unit", "2.5",
                        "scrap_percent", "5", "unit_cost", "120", "quantity", "10"))
                .then().statusCode(303).header("Location", containsString("/t/smile-dental/boms/1?quantity=10&done=component-changed"));
        String sent = sent("PUT /api/tenants/smile-dental/boms/1/components/12");
        assertTrue(sent.contains("\"product_id\":3") && sent.contains("\"quantity_per_unit\":2.5") && sent.contains("\"scrap_percent\":5")
                && sent.contains("\"unit_cost\":120"), sent);
    }

    @Test
    void aRefusedChangeIsShownInItsRowAndNowhereElse() {
        String html = admin.submit(BASE + "boms/1", BASE + "boms/1/components/12", Map.of("product_id", "3", "quantity_per_unit", "0",
                        "scrap_percent", "5", "unit_cost", "120", "quantity", "10"))
                .then().statusCode(400).extract().asString();
        assertTrue(html.contains("id=\"component-12-quantity_per_unit-error\">quantity_per_unit must be more than 0<"), html);
        assertTrue(html.contains("id=\"component-12-quantity_per_unit\" name=\"quantity_per_unit\" form=\"component-12-form\" type=\"text\" "
                + "inputmode=\"decimal\" value=\"0\""), html);
        // The add form and the other rows keep their own values; the figures are for the N the page showed.
        assertFalse(html.contains("id=\"quantity_per_unit-error\""), html);
        assertTrue(html.contains("id=\"component-11-quantity_per_unit\" name=\"quantity_per_unit\" form=\"component-11-form\" type=\"text\" "
                + "inputmode=\"decimal\" value=\"2\""), html);
        assertTrue(FactoryStubGateway.CALLS.contains("GET /api/tenants/smile-dental/boms/1/explode?quantity=10"), FactoryStubGateway.CALLS.toString());
    }

    @Test
    void anOperationIsChangedOrRemovedAndATakenSequenceIsRefusedInItsRow() {
        admin.submit(BASE + "boms/1", BASE + "boms/1/operations/21", Map.of("sequence", "20", "name", "Assembly", "work_center_id", "4",
                        "setup_minutes", "30", "minutes_per_unit", "6"))
                .then().statusCode(409).body(containsString("id=\"operation-21-problem\">" + FactoryStubGateway.SEQUENCE_TAKEN + "<"));
        admin.submit(BASE + "boms/1", BASE + "boms/1/operations/21", Map.of("sequence", "15", "name", "Assembly", "work_center_id", "4",
                        "setup_minutes", "30", "minutes_per_unit", "5"))
                .then().statusCode(303).header("Location", containsString("/t/smile-dental/boms/1?done=operation-changed"));
        String sent = FactoryStubGateway.CALLS.stream().filter(c -> c.startsWith("PUT /api/tenants/smile-dental/boms/1/operations/21")
                && c.contains("\"sequence\":15")).findFirst().orElseThrow();
        assertTrue(sent.contains("\"work_center_id\":4") && sent.contains("\"minutes_per_unit\":5"), sent);

        admin.submit(BASE + "boms/1", BASE + "boms/1/operations/21/remove", Map.of())
                .then().statusCode(303).header("Location", containsString("/t/smile-dental/boms/1?done=operation-removed"));
        admin.submit(BASE + "boms/1", BASE + "boms/1/components/12/remove", Map.of("quantity", "10"))
                .then().statusCode(303).header("Location", containsString("/t/smile-dental/boms/1?quantity=10&done=component-removed"));
        assertTrue(FactoryStubGateway.CALLS.contains("DELETE /api/tenants/smile-dental/boms/1/operations/21")
                && FactoryStubGateway.CALLS.contains("DELETE /api/tenants/smile-dental/boms/1/components/12"), FactoryStubGateway.CALLS.toString());
    }

    @Test
    void aWorkCenterIsChangedAndItsRemovalRefusedInTheApisWordsWhileInUse() {
        String page = admin.get(BASE + "work-centers?from=2024-01-15&to=2024-01-17").then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"work-center-4-capacity\" name=\"capacity\" type=\"text\" inputmode=\"decimal\" value=\"100\""), page);
        admin.submit(BASE + "work-centers", BASE + "work-centers/4", Map.of("name", "Assembly Line 1", "capacity", "120", "efficiency", "0.95",
                        "hourly_cost", "350", "description", "", "from", "2024-01-15", "to", "2024-01-17"))
                .then().statusCode(303)
                .header("Location", containsString("/t/smile-dental/work-centers?from=2024-01-15&to=2024-01-17&done=changed"));
        String sent = sent("PUT /api/tenants/smile-dental/work-centers/4");
        assertTrue(sent.contains("\"capacity\":120") && sent.contains("\"hourly_cost\":350") && sent.contains("\"name\":\"Assembly Line 1\""), sent);

        String refused = admin.submit(BASE + "work-centers", BASE + "work-centers/4/remove", Map.of("from", "2024-01-15", "to", "2024-01-17"))
                .then().statusCode(409).extract().asString();
        assertTrue(refused.contains("<details class=\"work-center-edit\" id=\"work-center-4\" open>"), refused);
        assertTrue(refused.contains("id=\"work-center-4-problem\">" + FactoryStubGateway.IN_USE + "<"), refused);
        // A refused removal sent no fields: the form still shows the work center as it is.
        assertTrue(refused.contains("id=\"work-center-4-capacity\" name=\"capacity\" type=\"text\" inputmode=\"decimal\" value=\"100\""), refused);
    }

    @Test
    void theProductSearchFindsAProductBeyondTheFirstHundredAndAChoiceFromItStaysNamed() {
        String options = admin.get(BASE + "factory/products?search=250").then().statusCode(200).extract().asString();
        assertTrue(options.contains("<option value=\"250\">Bracket 250 · BR-250</option>") && !options.contains("Steel rod"), options);
        assertTrue(FactoryStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("GET /api/tenants/smile-dental/products?")
                && c.contains("search=250") && c.contains("size=20")), FactoryStubGateway.CALLS.toString());

        String boms = admin.get(BASE + "factory/boms?product=2").then().statusCode(200).extract().asString();
        assertTrue(boms.contains("<option value=\"2\">BOM-002 v1.0 · Gear set · GS-1</option>") && !boms.contains("BOM-001"), boms);

        // The page offers the first hundred; a product chosen from the search is kept, named, after a refusal.
        String html = admin.submit(BASE + "boms", BASE + "boms", Map.of("bom_id", "", "product_id", "250", "version", "1.0"))
                .then().extract().asString();
        assertTrue(html.contains("<option value=\"250\" selected>Bracket 250 · BR-250</option>"), html);
        assertTrue(html.contains("hx-get=\"/t/smile-dental/factory/products\""), html);
    }

    @Test
    void aViewerIsOfferedNoForm() {
        Browserless viewer = new Browserless();
        viewer.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        for (String path : new String[] {"boms", "boms/1", "production", "production/9", "work-centers"}) {
            String page = viewer.get(BASE + path).then().statusCode(200).extract().asString();
            String main = page.substring(page.indexOf("<main"));
            assertFalse(main.contains("method=\"post\"") || main.contains("<button type=\"submit\" id=\"c"), path + ": " + main);
            assertEquals(-1, main.indexOf("csrf-token"), path);
        }
    }

    private static String sent(String prefix) {
        return FactoryStubGateway.CALLS.stream().filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " in " + FactoryStubGateway.CALLS));
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertTrue(start >= 0, from + " in " + text);
        int end = text.indexOf(to, start);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
