package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cash flow and GST returns in a real browser, on the suite as e2e starts it. A business tenant (made
 * through the API) with invoices dated 10, 45, 75 and 120 days ago (the API takes an invoice date), one paid in
 * part, and a vendor's bill 50 days old; its admin sees each ageing bucket's amount as worked out below, clicks the
 * 31–60 days bar and lands on that bucket's invoice, which opens its page. Without advanced_reporting there is
 * no GST menu item and the page is refused (403); once the feature is on, the month's GSTR-1 tables show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CashFlowBrowserTest extends BrowserFixture {

    private static final String SHOP = "cashflow-shop";
    private static final String ADMIN_EMAIL = "cashflow.admin@ipsc.example";
    private static final String PASSWORD = "a long cash flow test password";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Kolkata"));
    /*
     * One product at ₹1,000 + 18 % GST = ₹1,180 a unit (Maharashtra to Maharashtra: CGST ₹90 + SGST ₹90 a unit).
     *   0–30 days:  Asha, 1 unit, dated 10 days ago                   = ₹1,180.00
     *   31–60 days: Asha, 2 units, dated 45 days ago                  = ₹2,360.00
     *   61–90 days: Asha, 3 units (₹3,540) dated 75 days ago, ₹540 paid = ₹3,000.00
     *   over 90:    Bharat, 4 units dated 120 days ago, due 100 days ago = ₹4,720.00
     * Owed to the shop: ₹11,260.00; Asha owes ₹6,540.00 on three invoices, Bharat ₹4,720.00 on one.
     * The shop owes Pune Metals 2 × ₹100 + 18 % = ₹236.00 on a bill 50 days old (31–60 days).
     */
    private static final List<String> RECEIVABLES = List.of("₹1,180.00", "₹2,360.00", "₹3,000.00", "₹4,720.00");

    private String workspace;
    private int invoice45;

    @BeforeAll
    void setUp() throws InterruptedException {
        tenants.create(Map.of("name", "Cash Flow Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@cashflow.example",
                "state", "Maharashtra", "pincode", "411001"));
        int product = api().body(Map.of("sku", "STEEL-ROD", "name", "Steel rod", "hsn_sac", "7214", "unit", "nos", "price", 1000,
                "gst_rate", 18, "stock_quantity", 100)).post(tenantApi("products")).then().statusCode(201).extract().path("data.id");
        int asha = api().body(Map.of("name", "Asha Traders", "state", "Maharashtra")).post(tenantApi("customers")).then().statusCode(201)
                .extract().path("data.id");
        int bharat = api().body(Map.of("name", "Bharat Stores", "state", "Maharashtra")).post(tenantApi("customers")).then().statusCode(201)
                .extract().path("data.id");
        issue(asha, product, 1, TODAY.minusDays(10), null);
        invoice45 = issue(asha, product, 2, TODAY.minusDays(45), null);
        int invoice75 = issue(asha, product, 3, TODAY.minusDays(75), null);
        api().body(Map.of("amount", "540.00", "mode", "cash")).post(tenantApi("invoices/" + invoice75 + "/payments")).then().statusCode(201);
        issue(bharat, product, 4, TODAY.minusDays(120), TODAY.minusDays(100));
        int vendor = api().body(Map.of("name", "Pune Metals", "state", "Maharashtra")).post(tenantApi("vendors")).then().statusCode(201)
                .extract().path("data.id");
        api().body(Map.of("vendor_id", vendor, "bill_number", "PM/2", "bill_date", TODAY.minusDays(50).toString(),
                        "lines", List.of(Map.of("product_id", product, "quantity", 2, "unit_price", "100.00", "gst_rate", 18))))
                .post(tenantApi("purchases")).then().statusCode(201);
        tenants.member(SHOP, ADMIN_EMAIL, PASSWORD, "Kiran Patil", "admin");

        workspace = web.baseUrl() + "/t/" + SHOP + "/";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void theAgeingShowsTheWorkedOutAmountsAndABarOpensItsInvoices() {
        browser.go(workspace, "cashflow-home");
        browser.clickThrough(By.linkText("Cash flow"));
        browser.await(By.cssSelector("#receivables-chart canvas"));
        browser.await(By.cssSelector("#top-customers-chart canvas"));
        browser.shot("cashflow-ageing");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#receivables tbody tr"));
        assertEquals(4, rows.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(RECEIVABLES.get(i), rows.get(i).findElement(By.tagName("td")).getText(), rows.get(i).getText());
        }
        assertTrue(browser.text(By.id("receivables-heading")).endsWith("₹11,260.00"), browser.text(By.id("receivables-heading")));
        assertEquals("₹236.00", browser.driver().findElements(By.cssSelector("#payables tbody tr")).get(1).findElement(By.tagName("td")).getText());
        List<WebElement> top = browser.driver().findElements(By.cssSelector("#top-customers tbody tr"));
        assertTrue(top.get(0).getText().startsWith("Asha Traders 3 ₹6,540.00"), top.get(0).getText());
        assertTrue(top.get(1).getText().startsWith("Bharat Stores 1 ₹4,720.00"), top.get(1).getText());
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('top-customers-heading').scrollIntoView()");
        browser.shot("cashflow-top-customers");

        // A click on the 31–60 days bar of the chart itself (half way up the bar) opens that bucket's invoices.
        clickBar("receivables-chart", 1, 2360);
        browser.awaitUrlContaining("cashflow/invoices?ageing=31-60");
        browser.await(By.id("owed-invoices"));
        browser.shot("cashflow-bucket-31-60");
        List<WebElement> listed = browser.driver().findElements(By.cssSelector("#owed-invoices tbody tr"));
        assertEquals(1, listed.size());
        assertTrue(listed.get(0).getText().contains("₹2,360.00"), listed.get(0).getText());
        browser.clickThrough(By.cssSelector("#owed-invoices tbody a"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/invoices/" + invoice45), browser.driver().getCurrentUrl());
        assertEquals("₹2,360.00", browser.text(By.id("balance-due")));
    }

    @Test
    @Order(2)
    void aCustomersRowAndThePayablesBucketListWhatIsOwed() {
        browser.go(workspace + "cashflow", "cashflow-again");
        browser.clickThrough(By.linkText("Asha Traders"));
        assertEquals("Owed by Asha Traders", browser.text(By.tagName("h1")));
        assertEquals(3, browser.driver().findElements(By.cssSelector("#owed-invoices tbody tr")).size());
        browser.go(workspace + "cashflow", "cashflow-again");
        browser.clickThrough(By.cssSelector("#payables tbody tr:nth-child(2) a"));
        assertTrue(browser.text(By.id("owed-purchases")).contains("PM/2"), browser.text(By.id("owed-purchases")));
        browser.shot("cashflow-payables-31-60");
    }

    @Test
    @Order(3)
    void withoutAdvancedReportingThereIsNoGstMenuItemAndTheSectionIsRefused() {
        browser.go(workspace, "gst-not-in-menu");
        assertTrue(browser.driver().findElements(By.linkText("GST returns")).isEmpty(), "no GST returns in the menu");
        browser.go(workspace + "gst", "gst-refused");
        assertTrue(browser.pageText().contains("GST returns are not switched on"), browser.pageText());
        Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status)).catch(e => done(-1));""", workspace + "gst");
        assertEquals(403L, status);
    }

    @Test
    @Order(4)
    void withAdvancedReportingTheMonthsGstr1IsShownAsTables() {
        api().body(Map.of("advanced_reporting", true)).put("/api/tenants/" + SHOP + "/features").then().statusCode(200);
        // The feature reaches invoicing-service as an event: wait until its reports answer.
        String month = YearMonth.from(TODAY.minusDays(10)).toString();
        await("advanced_reporting reaching invoicing").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api().get(tenantApi("reports/gstr1?month=" + month)).statusCode() == 200);
        browser.go(workspace, "gst-in-menu");
        browser.clickThrough(By.linkText("GST returns"));
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('month').value = arguments[0]", month);
        browser.clickThrough(By.id("show-month"));
        browser.await(By.id("gst-b2c_small"));
        browser.shot("gst-gstr1");
        // The month holds the 10-day-old invoice only: ₹1,000 taxable in Maharashtra (27) at 18 %, CGST ₹90 and SGST ₹90.
        String b2cs = browser.text(By.id("gst-b2c_small"));
        assertTrue(b2cs.contains("OE 27-Maharashtra 18 % ₹1,000.00 ₹90.00 ₹90.00"), b2cs);
        // Since May 2025 Table 12 is in two parts: a walk-in's purchase is in the B2C part.
        assertTrue(browser.text(By.cssSelector("#gst-hsn_b2c tfoot")).contains("₹1,000.00"), browser.text(By.id("gst-hsn_b2c")));
        assertTrue(browser.driver().findElements(By.id("gst-b2b-empty")).size() == 1, "no B2B supplies this month");
        String download = browser.driver().findElement(By.id("download-json")).getAttribute("href");
        assertTrue(download.endsWith("/gst/gstr1/download?month=" + month + "&format=json"), download);
        @SuppressWarnings("unchecked")
        Map<String, Object> file = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.json().then(j => done({status: r.status,
                    disposition: r.headers.get('content-disposition'), month: j.fp})))
                  .catch(e => done({status: -1, disposition: String(e), month: ''}));""", download);
        assertEquals(200L, file.get("status"), String.valueOf(file));
        // The portal's JSON names its return period MMYYYY.
        assertEquals(YearMonth.parse(month).format(java.time.format.DateTimeFormatter.ofPattern("MMyyyy")), file.get("month"));
        assertFalse(String.valueOf(file.get("disposition")).isEmpty());
    }

    /** Clicks the bar of category {@code index} in a drawn ECharts chart, at half its height (the canvas has no elements to click). */
    private void clickBar(String chartId, int index, double value) {
        WebElement chart = browser.driver().findElement(By.id(chartId));
        @SuppressWarnings("unchecked")
        List<Number> point = (List<Number>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return echarts.getInstanceByDom(arguments[0]).convertToPixel({seriesIndex: 0}, [arguments[1], arguments[2]]);",
                chart, index, value / 2);
        int x = (int) Math.round(point.get(0).doubleValue() - chart.getSize().getWidth() / 2.0);
        int y = (int) Math.round(point.get(1).doubleValue() - chart.getSize().getHeight() / 2.0);
        new Actions(browser.driver()).moveToElement(chart, x, y).click().perform();
    }

    private int issue(int customer, int product, int quantity, LocalDate date, LocalDate due) {
        Map<String, Object> body = new HashMap<>(Map.of("customer_id", customer, "invoice_date", date.toString(),
                "lines", List.of(Map.of("product_id", product, "quantity", quantity))));
        if (due != null) {
            body.put("due_date", due.toString());
        }
        int id = api().body(body).post(tenantApi("invoices")).then().statusCode(201).extract().path("data.id");
        api().post(tenantApi("invoices/" + id + "/issue")).then().statusCode(200);
        return id;
    }

    private static String tenantApi(String path) {
        return "/api/tenants/" + SHOP + "/" + path;
    }
}
