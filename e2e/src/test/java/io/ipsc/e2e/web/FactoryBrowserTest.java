package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The factory in a real browser, on the suite as e2e starts it: the seed guide's manufacturer (on its own slug,
 * precision-floor, since the seed walk holds precision-mfg)
 * with three products, a paint shop and a gear set's BOM made through the API. Its admin adds the seed's work
 * center, creates BOM-001 (Main Assembly BOM, version 1.0) with a sub-assembly, a raw material and two
 * operations, sees the tree, the explosion for 100 units and the cost; a cycle is refused with the API's
 * message; PO-001 (100 units, 15-01-2024 to 20-01-2024) is planned, released (its Gantt chart drawn), started,
 * the work centers' load shown, an inspection recorded that fails, completion held until it is decided, then
 * completed with good and rejected units. On the way, a component's quantity is changed in its row (the explosion
 * and the cost follow) and changed back, an operation removed, a product found by typing in the picker's search,
 * the Paint Shop's capacity halved (its load's capacity line and available hours follow) and its removal refused
 * while in use. A viewer sees the pages without any form.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FactoryBrowserTest extends BrowserFixture {

    /** Not the seed walk's precision-mfg, which the same suite holds (a slug is taken for good): the seed's data, on a factory of its own. */
    private static final String FACTORY = "precision-floor";
    private static final String ADMIN_EMAIL = "rajesh@precisionmfg.example";
    private static final String VIEWER_EMAIL = "factory.viewer@precisionmfg.example";
    private static final String PASSWORD = "a long factory test password";
    /*
     * For 100 Main Assemblies: 2 Gear Sets each (no scrap), each of 3 Steel Rods with 10% scrap: 100 × 2 × 3.3 = 660;
     * plus 1.5 Steel Rods each with 5% scrap: 100 × 1.575 = 157.5. In all 817.5 Steel Rods.
     * One unit's material: 1.575 × ₹120 = ₹189 and 2 Gear Sets at 3.3 × ₹120 = ₹396 each, ₹792: ₹981.00.
     */
    private static final String STEEL_RODS = "817.5";
    private static final String UNIT_MATERIAL_COST = "₹981.00";

    private String workspace;
    private String orderPage;

    @BeforeAll
    void setUp() throws InterruptedException {
        tenants.create(Map.ofEntries(Map.entry("name", "Precision Manufacturing Co."), Map.entry("slug", FACTORY),
                Map.entry("organization_type", "manufacturing"), Map.entry("contact_person", "Rajesh Kumar"),
                Map.entry("contact_email", "rajesh@precisionmfg.com"), Map.entry("contact_phone", "+91-9876543211"),
                Map.entry("gstin", "29AABPM5678B2Z9"), Map.entry("industry", "Manufacturing"), Map.entry("size", "medium"),
                Map.entry("address_line1", "456 Industrial Park"), Map.entry("city", "Bangalore"), Map.entry("state", "Karnataka"),
                Map.entry("pincode", "560001")));
        product("MA-001", "Main Assembly", 25000);
        long gearSet = product("GS-001", "Gear Set", 1500);
        long steelRod = product("SR-001", "Steel Rod", 150);
        api().body(Map.of("name", "Paint Shop", "description", "Spray booth", "capacity", 8, "efficiency", 1, "hourly_cost", 400))
                .post("/api/tenants/" + FACTORY + "/work-centers").then().statusCode(201);
        int gearBom = api().body(Map.of("bom_id", "BOM-002", "product_id", gearSet, "description", "Gear set", "version", "1.0"))
                .post("/api/tenants/" + FACTORY + "/boms").then().statusCode(201).extract().path("data.id");
        api().body(Map.of("product_id", steelRod, "quantity_per_unit", 3, "scrap_percent", 10, "unit_cost", 120))
                .post("/api/tenants/" + FACTORY + "/boms/" + gearBom + "/components").then().statusCode(201);
        member(ADMIN_EMAIL, "Rajesh Kumar", "admin");
        member(VIEWER_EMAIL, "Kiran Rao", "viewer");

        workspace = web.baseUrl() + "/t/" + FACTORY + "/";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void theSeedsWorkCenterIsAddedThroughItsForm() {
        browser.go(workspace + "work-centers", "factory-work-centers-empty");
        web.type("name", "Assembly Line 1");
        web.type("description", "Main assembly line");
        web.type("capacity", "100");
        web.type("efficiency", "1.5");
        browser.clickThrough(By.id("create-work-center"));
        // An efficiency over 1 is the API's to refuse, at its field.
        String refused = web.fieldError("efficiency");
        assertTrue(refused != null && !refused.isBlank(), browser.pageText());
        browser.shot("factory-work-center-refused");
        web.type("efficiency", "0.95");
        web.type("hourly_cost", "350");
        browser.clickThrough(By.id("create-work-center"));
        browser.await(By.id("notice"));
        assertTrue(browser.text(By.id("work-centers")).contains("Assembly Line 1"), browser.text(By.id("work-centers")));
    }

    @Test
    @Order(2)
    void bom001IsBuiltThroughTheFormsAndShowsItsTreeExplosionAndCost() {
        browser.go(workspace + "boms", "factory-boms");
        web.type("bom_id", "BOM-001");
        choose("product_id", "Main Assembly · MA-001");
        web.type("description", "Main Assembly BOM");
        web.type("version", "1.0");
        browser.clickThrough(By.id("create-bom"));
        browser.await(By.id("notice"));
        assertTrue(browser.text(By.tagName("h1")).startsWith("BOM-001"), browser.text(By.tagName("h1")));

        addComponent("Gear Set · GS-001", "2", "0", "");
        addComponent("Steel Rod · SR-001", "1.5", "5", "120");
        addOperation("10", "Assembly", "Assembly Line 1", "30", "6");
        addOperation("20", "Painting", "Paint Shop", "15", "12");

        // The tree: the Gear Set opens onto its own BOM's Steel Rods.
        WebElement tree = browser.await(By.id("bom-tree"));
        WebElement gearSet = tree.findElement(By.cssSelector("details > summary"));
        assertTrue(gearSet.getText().contains("Gear Set") && gearSet.getText().contains("× 2"), gearSet.getText());
        assertTrue(tree.findElement(By.cssSelector("details li.level-2")).getText().contains("Steel Rod"), tree.getText());

        web.type("quantity", "100");
        browser.clickThrough(By.id("show-quantity"));
        String explosion = browser.await(By.id("explosion")).getText();
        assertTrue(explosion.contains("Steel Rod · SR-001 " + STEEL_RODS), explosion);
        assertEquals(UNIT_MATERIAL_COST, browser.text(By.id("unit-material-cost")));
        assertFalse(browser.text(By.id("unit-operation-cost")).equals("₹0.00"), "the operations cost something");
        browser.shot("factory-bom-tree-explosion-cost");
    }

    @Test
    @Order(3)
    void aComponentsQuantityChangedInItsRowChangesTheExplosionAndCostAndAnOperationIsRemoved() {
        browser.go(workspace + "boms", "factory-boms-before-change");
        browser.clickThrough(By.linkText("BOM-001"));
        web.type("quantity", "100");
        browser.clickThrough(By.id("show-quantity"));
        assertEquals(UNIT_MATERIAL_COST, browser.text(By.id("unit-material-cost")));

        // 2 Steel Rods instead of 1.5, 5% scrap: 100 × 2.1 = 210 besides the Gear Sets' 660; one unit's material ₹252 + ₹792.
        changeComponent("Steel Rod", "2");
        assertTrue(browser.text(By.id("notice")).contains("changed"), browser.text(By.id("notice")));
        assertTrue(browser.text(By.id("explosion")).contains("Steel Rod · SR-001 870"), browser.text(By.id("explosion")));
        assertEquals("₹1,044.00", browser.text(By.id("unit-material-cost")));
        browser.shot("factory-component-changed");
        changeComponent("Steel Rod", "1.5");
        assertTrue(browser.text(By.id("explosion")).contains("Steel Rod · SR-001 " + STEEL_RODS), browser.text(By.id("explosion")));
        assertEquals(UNIT_MATERIAL_COST, browser.text(By.id("unit-material-cost")));

        // An operation added by mistake is removed: the cost of operations goes back to what it was.
        String operations = browser.text(By.id("unit-operation-cost"));
        addOperation("30", "Deburring", "Paint Shop", "0", "3");
        assertFalse(operations.equals(browser.text(By.id("unit-operation-cost"))), "Deburring costs something");
        WebElement deburring = row(By.cssSelector("#bom-operations tbody tr"), "Deburring");
        browser.clickThrough(By.id(deburring.findElement(By.cssSelector("button.remove")).getAttribute("id")));
        assertTrue(browser.text(By.id("notice")).contains("removed"), browser.text(By.id("notice")));
        assertEquals(2, browser.driver().findElements(By.cssSelector("#bom-operations tbody tr")).size(), browser.text(By.id("bom-operations")));
        browser.shot("factory-operation-removed");
    }

    @Test
    @Order(4)
    void aCycleIsRefusedWithTheApisMessageNamingIt() {
        browser.go(workspace + "boms", "factory-boms-list");
        browser.clickThrough(By.linkText("BOM-002"));
        // Found by typing, as a factory with hundreds of products would: the list narrows to what matches.
        web.type("product_id-search", "MA-00");
        new WebDriverWait(browser.driver(), Browser.PAGE_WAIT).until(d -> d.findElements(By.cssSelector("#product_id option")).size() == 2);
        browser.shot("factory-product-search");
        addComponent("Main Assembly · MA-001", "1", "0", "");
        String message = web.fieldError("product_id");
        assertTrue(message != null && message.contains("→"), browser.pageText());
        browser.shot("factory-bom-cycle-refused");
    }

    @Test
    @Order(5)
    void po001IsPlannedReleasedWithItsGanttAndStarted() {
        browser.go(workspace + "production", "factory-board-empty");
        web.type("order_number", "PO-001");
        choose("bom_id", "BOM-001 v1.0 · Main Assembly · MA-001");
        web.type("quantity", "100");
        date("start_date", "2024-01-15");
        date("due_date", "2024-01-20");
        browser.clickThrough(By.id("create-order"));
        browser.await(By.id("notice"));
        orderPage = browser.driver().getCurrentUrl().replaceAll("[?#].*$", "");
        assertEquals("Planned", browser.text(By.id("order-status")));

        browser.clickThrough(By.id("release"));
        browser.awaitText(By.id("order-status"), "Released", Browser.PAGE_WAIT);
        browser.await(By.cssSelector("#order-gantt canvas"));
        List<WebElement> scheduled = browser.driver().findElements(By.cssSelector("#schedule tbody tr"));
        assertEquals(2, scheduled.size());
        assertTrue(scheduled.get(0).getText().contains("Assembly Line 1") && scheduled.get(1).getText().contains("Paint Shop"),
                browser.text(By.id("schedule")));
        assertTrue(browser.text(By.id("materials")).contains(STEEL_RODS), browser.text(By.id("materials")));
        browser.shot("factory-order-released-gantt");

        browser.clickThrough(By.id("start"));
        browser.awaitText(By.id("order-status"), "In progress", Browser.PAGE_WAIT);
    }

    @Test
    @Order(6)
    void theWorkCentersLoadShowsTheOrdersHours() {
        browser.go(orderPage, "factory-order-in-progress");
        browser.clickThrough(By.id("load-link"));
        browser.await(By.cssSelector("#load-chart canvas"));
        // The order's hours are booked on both of its work centers (the "Booked (h)" column).
        for (WebElement row : browser.driver().findElements(By.cssSelector("#work-centers tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertTrue(Double.parseDouble(cells.get(4).getText()) > 0, row.getText());
        }
        browser.shot("factory-work-center-load");
    }

    @Test
    @Order(7)
    void aWorkCentersCapacityChangedShowsInItsLoadAndRemovingOneInUseIsRefused() {
        browser.go(orderPage, "factory-order-before-capacity");
        browser.clickThrough(By.id("load-link"));
        browser.await(By.cssSelector("#load-chart canvas"));
        double available = Double.parseDouble(cell("Paint Shop", 5));
        String chart = browser.driver().findElement(By.id("load-chart")).getAttribute("data-chart");
        assertTrue(chart.matches("(?s).*\"Paint Shop: capacity\".*?\\[8(\\.0+)?[,\\]].*"), chart);

        WebElement paintShop = browser.driver().findElement(By.xpath("//details[summary[contains(., 'Paint Shop')]]"));
        paintShop.findElement(By.tagName("summary")).click();
        String key = paintShop.getAttribute("id");
        web.type(key + "-capacity", "4");
        browser.clickThrough(By.id("save-" + key));
        assertTrue(browser.text(By.id("notice")).contains("changed"), browser.text(By.id("notice")));
        browser.await(By.cssSelector("#load-chart canvas"));
        assertEquals(available / 2, Double.parseDouble(cell("Paint Shop", 5)), 0.001);
        chart = browser.driver().findElement(By.id("load-chart")).getAttribute("data-chart");
        assertTrue(chart.matches("(?s).*\"Paint Shop: capacity\".*?\\[4(\\.0+)?[,\\]].*"), chart);
        browser.shot("factory-work-center-capacity-changed");

        // Its BOM's operations and the order's schedule use it: the API's 409, in its words, at its form.
        paintShop = browser.driver().findElement(By.id(key));
        paintShop.findElement(By.tagName("summary")).click();
        browser.clickThrough(By.id("remove-" + key));
        String refused = browser.await(By.id(key + "-problem")).getText();
        assertTrue(refused.contains("cannot be deleted"), refused);
        browser.shot("factory-work-center-in-use");
    }

    @Test
    @Order(8)
    void aFailedInspectionHoldsCompletionUntilDecided() {
        browser.go(orderPage, "factory-order-before-inspection");
        web.type("sample_size", "10");
        web.type("passed", "9");
        web.type("failed", "1");
        web.type("defect_codes", "SCRATCH");
        web.type("reading_name", "diameter_mm");
        web.type("reading_value", "25.4");
        web.type("reading_min", "25");
        web.type("reading_max", "25.2");
        browser.clickThrough(By.id("record-inspection"));
        browser.await(By.id("inspections"));
        assertTrue(browser.text(By.id("inspections")).contains("Failed"), browser.text(By.id("inspections")));

        browser.clickThrough(By.id("complete"));
        String held = browser.await(By.id("complete-problem")).getText();
        assertTrue(held.contains("PO-001"), held);
        browser.shot("factory-completion-held");

        WebElement decide = browser.driver().findElement(By.cssSelector("button[id^='decide-']"));
        String id = decide.getAttribute("id").substring("decide-".length());
        new Select(browser.driver().findElement(By.id("decision-" + id + "-choice"))).selectByValue("accept");
        web.type("decision-" + id + "-notes", "Within the customer's tolerance");
        browser.clickThrough(By.id("decide-" + id));
        assertTrue(browser.text(By.id("inspections")).contains("Accept"), browser.text(By.id("inspections")));

        web.type("good_quantity", "98");
        web.type("rejected_quantity", "2");
        browser.clickThrough(By.id("complete"));
        browser.awaitText(By.id("order-status"), "Completed", Browser.PAGE_WAIT);
        assertEquals("98", browser.text(By.id("good-quantity")));
        assertEquals("2", browser.text(By.id("rejected-quantity")));
        browser.shot("factory-order-completed");

        browser.go(workspace + "production", "factory-board");
        assertTrue(browser.text(By.id("column-completed")).contains("PO-001"), browser.text(By.id("production-board")));
    }

    @Test
    @Order(9)
    void aViewerSeesTheFactoryWithoutForms() {
        try (Browser other = secondBrowser()) {
            WebApp viewer = new WebApp(other, web.baseUrl());
            viewer.signIn(VIEWER_EMAIL, PASSWORD);
            for (String page : List.of(workspace + "boms", workspace + "production", orderPage, workspace + "work-centers")) {
                other.go(page, "factory-viewer");
                other.await(By.tagName("h1"));
                assertTrue(other.driver().findElements(By.cssSelector("main form[method='post']")).isEmpty(), "no forms for a viewer on " + page);
            }
        }
    }

    private void changeComponent(String product, String quantity) {
        WebElement line = row(By.cssSelector("#bom-components tbody tr"), product);
        String key = line.getAttribute("id");
        web.type(key + "-quantity_per_unit", quantity);
        browser.clickThrough(By.id("save-" + key));
        browser.await(By.id("notice"));
    }

    /** The row among {@code rows} whose text holds {@code text}. */
    private WebElement row(By rows, String text) {
        return browser.driver().findElements(rows).stream()
                .filter(r -> r.getText().contains(text) || r.findElements(By.cssSelector("input")).stream()
                        .anyMatch(i -> text.equals(i.getAttribute("value"))))
                .findFirst().orElseThrow(() -> new AssertionError(text + " in " + browser.pageText()));
    }

    /** A cell of the work centers' table, in the row of {@code workCenter}. */
    private String cell(String workCenter, int column) {
        return row(By.cssSelector("#work-centers tbody tr"), workCenter).findElements(By.tagName("td")).get(column).getText();
    }

    private void addComponent(String product, String quantity, String scrap, String unitCost) {
        choose("product_id", product);
        web.type("quantity_per_unit", quantity);
        web.type("scrap_percent", scrap);
        web.type("unit_cost", unitCost);
        browser.clickThrough(By.id("add-component"));
    }

    private void addOperation(String sequence, String name, String workCenter, String setup, String perUnit) {
        web.type("sequence", sequence);
        web.type("name", name);
        choose("work_center_id", workCenter);
        web.type("setup_minutes", setup);
        web.type("minutes_per_unit", perUnit);
        browser.clickThrough(By.id("add-operation"));
        browser.await(By.id("notice"));
    }

    private void choose(String select, String option) {
        new Select(browser.await(By.id(select))).selectByVisibleText(option);
    }

    /** A date field takes what the browser's locale types; setting its value is what a date picker does. */
    private void date(String id, String isoDate) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
                browser.driver().findElement(By.id(id)), isoDate);
    }

    private long product(String sku, String name, int price) {
        Number id = api().body(Map.of("sku", sku, "name", name, "hsn_sac", "8483", "unit", "nos", "price", price, "gst_rate", 18,
                "stock_quantity", 0)).post("/api/tenants/" + FACTORY + "/products").then().statusCode(201).extract().path("data.id");
        return id.longValue();
    }

    private void member(String email, String fullName, String role) {
        tenants.member(FACTORY, email, PASSWORD, fullName, role);
    }
}
