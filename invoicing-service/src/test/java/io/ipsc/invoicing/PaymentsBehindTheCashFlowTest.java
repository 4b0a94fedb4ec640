package io.ipsc.invoicing;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * What the web's purchase page and cash-flow bars open: a purchase with its lines and the payments made against it,
 * and {@code GET /api/cashflow/payments}, the payments received or made over a month, which add up to that month's
 * money in or out. Payments are dated in this month and in the month before, so the month's filter must tell them apart.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class PaymentsBehindTheCashFlowTest {

    private static final long ADMIN = 7201;
    private static final long OUTSIDER = 7202;
    private static final String T = "pay-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String OTHER = "pao-" + UUID.randomUUID().toString().substring(0, 6);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Kolkata"));
    private static final LocalDate MONTH = TODAY.withDayOfMonth(1);
    private static final LocalDate LAST_MONTH = MONTH.minusMonths(1);

    private static boolean made;
    private static int bill;
    private static int invoice;
    private static int item;

    @BeforeEach
    void make() {
        if (made) {
            return;
        }
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            for (Snapshot s : List.of(TenantEventsPublisher.snapshot(T, "business").member(ADMIN, "admin"),
                    TenantEventsPublisher.snapshot(OTHER, "business").member(OUTSIDER, "admin"))) {
                events.publish(s);
                TenantEventsPublisher.awaitReport(s.slug(), "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            }
        }
        item = InvoicingTest.product(T, ADMIN, "PAY-1", "1000.00", "18", "100");
        int vendor = as(ADMIN, T).body(Map.of("name", "Pune Metals", "state", "Maharashtra")).post("/api/vendors").then().statusCode(201)
                .extract().path("data.id");
        // Two lines: 10 × 50.00 at 18 % (590.00) and a free-text line 1 × 200.00 at 5 % (210.00): 800.00.
        bill = as(ADMIN, T).body(Map.of("vendor_id", vendor, "bill_number", "PM/77", "bill_date", LAST_MONTH.toString(),
                        "lines", List.of(Map.of("product_id", item, "description", "Item PAY-1", "hsn_sac", "8471", "quantity", 10,
                                        "unit_price", "50.00", "gst_rate", 18),
                                Map.of("description", "Freight", "hsn_sac", "9965", "quantity", 1, "unit_price", "200.00", "gst_rate", 5))))
                .post("/api/purchases").then().statusCode(201).extract().path("data.id");
        as(ADMIN, T).body(Map.of("amount", "300.00", "mode", "upi", "reference", "UPI-1", "paid_on", LAST_MONTH.toString()))
                .post("/api/purchases/" + bill + "/payments").then().statusCode(201);
        as(ADMIN, T).body(Map.of("amount", "100.00", "mode", "cash", "paid_on", TODAY.toString()))
                .post("/api/purchases/" + bill + "/payments").then().statusCode(201);

        int customer = InvoicingTest.customer(T, ADMIN, Map.of("name", "Asha Traders", "state", "Maharashtra"));
        invoice = as(ADMIN, T).body(Map.of("customer_id", customer, "invoice_date", LAST_MONTH.toString(),
                "lines", List.of(Map.of("product_id", item, "quantity", 2)))).post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(ADMIN, T).post("/api/invoices/" + invoice + "/issue").then().statusCode(200);
        as(ADMIN, T).body(Map.of("amount", "500.00", "mode", "bank_transfer", "paid_on", LAST_MONTH.toString()))
                .post("/api/invoices/" + invoice + "/payments").then().statusCode(201);
        as(ADMIN, T).body(Map.of("amount", "700.00", "mode", "upi", "reference", "R-9", "paid_on", TODAY.toString()))
                .post("/api/invoices/" + invoice + "/payments").then().statusCode(201);
        made = true;
    }

    @Test
    void aPurchaseShowsItsLinesAndThePaymentsMade() {
        as(ADMIN, T).get("/api/purchases/" + bill).then().statusCode(200)
                .body("data.total", is(800.0f)).body("data.balance_due", is(400.0f))
                .body("data.lines", hasSize(2))
                .body("data.lines[0].position", is(1)).body("data.lines[0].product_id", is(item))
                .body("data.lines[0].description", is("Item PAY-1")).body("data.lines[0].hsn_sac", is("8471"))
                .body("data.lines[0].quantity", is(10.0f)).body("data.lines[0].unit_price", is(50.0f)).body("data.lines[0].gst_rate", is(18.0f))
                .body("data.lines[0].taxable_amount", is(500.0f)).body("data.lines[0].tax_amount", is(90.0f)).body("data.lines[0].total", is(590.0f))
                .body("data.lines[1].product_id", nullValue()).body("data.lines[1].description", is("Freight"))
                .body("data.lines[1].tax_amount", is(10.0f)).body("data.lines[1].total", is(210.0f))
                .body("data.payments", hasSize(2))
                .body("data.payments[0].amount", is(300.0f)).body("data.payments[0].mode", is("upi"))
                .body("data.payments[0].reference", is("UPI-1")).body("data.payments[0].paid_on", is(LAST_MONTH.toString()))
                .body("data.payments[1].amount", is(100.0f)).body("data.payments[1].paid_on", is(TODAY.toString()));
        // The list is read for its figures: no lines or payments there.
        as(ADMIN, T).get("/api/purchases").then().statusCode(200).body("data.items[0].id", is(bill))
                .body("data.items[0].lines", nullValue()).body("data.items[0].payments", nullValue());
    }

    @Test
    void aMonthsPaymentsAddUpToItsMoneyInAndOut() {
        String from = MONTH.toString();
        String to = MONTH.plusMonths(1).minusDays(1).toString();
        as(ADMIN, T).queryParam("direction", "in").queryParam("from", from).queryParam("to", to).get("/api/cashflow/payments").then()
                .statusCode(200).body("data.total_items", is(1))
                .body("data.items[0].direction", is("in")).body("data.items[0].document_id", is(invoice))
                .body("data.items[0].document_number", startsWith("INV")).body("data.items[0].party_name", is("Asha Traders"))
                .body("data.items[0].amount", is(700.0f)).body("data.items[0].mode", is("upi")).body("data.items[0].reference", is("R-9"))
                .body("message", containsString("700.00 in all"));
        as(ADMIN, T).queryParam("direction", "out").queryParam("from", from).queryParam("to", to).get("/api/cashflow/payments").then()
                .statusCode(200).body("data.items.amount", contains(100.0f)).body("data.items[0].document_id", is(bill))
                .body("data.items[0].document_number", is("PM/77")).body("data.items[0].party_name", is("Pune Metals"));
        // Last month's: the first payment each way, as the cash flow counts that month.
        String lastFrom = LAST_MONTH.toString();
        String lastTo = MONTH.minusDays(1).toString();
        as(ADMIN, T).queryParam("direction", "in").queryParam("from", lastFrom).queryParam("to", lastTo).get("/api/cashflow/payments")
                .then().statusCode(200).body("data.items.amount", contains(500.0f));
        as(ADMIN, T).queryParam("from", lastFrom).queryParam("to", to).get("/api/cashflow").then().statusCode(200)
                .body("data.months[0].money_in", is(500.0f)).body("data.months[0].money_out", is(300.0f))
                .body("data.months[1].money_in", is(700.0f)).body("data.months[1].money_out", is(100.0f));
        // Without dates, the cash flow's own twelve months: both payments, oldest first.
        as(ADMIN, T).queryParam("direction", "out").get("/api/cashflow/payments").then().statusCode(200)
                .body("data.items.amount", contains(300.0f, 100.0f)).body("message", containsString("400.00 in all"));
    }

    @Test
    void badFiltersAreRefusedAtTheirField() {
        as(ADMIN, T).queryParam("direction", "in").queryParam("from", "2026-13-01").get("/api/cashflow/payments").then().statusCode(400)
                .body("success", is(false)).body("data", nullValue()).body("error.code", is("INVALID_DATE"))
                .body("error.details[0].field", is("from"));
        as(ADMIN, T).queryParam("direction", "out").queryParam("to", "yesterday").get("/api/cashflow/payments").then().statusCode(400)
                .body("error.code", is("INVALID_DATE")).body("error.details[0].field", is("to"));
        as(ADMIN, T).queryParam("direction", "in").queryParam("from", "2026-06-01").queryParam("to", "2026-05-01")
                .get("/api/cashflow/payments").then().statusCode(400).body("error.code", is("INVALID_RANGE"));
        for (String direction : new String[] {"", "sideways"}) {
            as(ADMIN, T).queryParam("direction", direction).get("/api/cashflow/payments").then().statusCode(400)
                    .body("error.code", is("INVALID_FILTER")).body("error.details[0].field", is("direction"));
        }
    }

    @Test
    void anotherTenantsAdminAndAForgedTenantSeeNothing() {
        for (String path : List.of("/api/cashflow/payments?direction=in", "/api/cashflow/payments?direction=out", "/api/purchases/" + bill)) {
            as(OUTSIDER, T).get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
            given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(T, "admin"))).header("X-Tenant-ID", T)
                    .get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
            as(ADMIN, OTHER).get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        }
        // The other tenant's own admin, in its own tenant, finds none of these payments.
        as(OUTSIDER, OTHER).queryParam("direction", "in").get("/api/cashflow/payments").then().statusCode(200).body("data.total_items", is(0));
    }
}
