package io.ipsc.invoicing;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.invoicing.InvoicingTest.as;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class PurchasesAndCashFlowTest {

    @Test
    void aVendorBillBringsStockInTakesPaymentsAndShowsInTheCashFlow() {
        String slug = "buy-" + UUID.randomUUID().toString().substring(0, 6);
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            Snapshot s = TenantEventsPublisher.snapshot(slug, "business").member(3, "admin");
            events.publish(s);
            TenantEventsPublisher.awaitReport(slug, "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
        }
        int vendor = as(3, slug).body(Map.of("name", "Bengaluru Supplies", "gstin", "29AAGCB7383J1Z4")).post("/api/vendors").then()
                .statusCode(201).extract().path("data.id");
        int item = InvoicingTest.product(slug, 3, "RAW-1", "80.00", "18", "0");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Kolkata"));
        int purchase = as(3, slug).body(Map.of("vendor_id", vendor, "bill_number", "BS/991", "bill_date", today.toString(),
                        "lines", List.of(Map.of("product_id", item, "quantity", 10, "unit_price", "50.00", "gst_rate", 18))))
                .post("/api/purchases").then().statusCode(201)
                .body("data.inter_state", is(true)).body("data.igst", is(90.0f)).body("data.total", is(590.0f))
                .extract().path("data.id");
        as(3, slug).get("/api/products/" + item).then().body("data.stock_quantity", is(10.0f));
        as(3, slug).body(Map.of("vendor_id", vendor, "bill_number", "bs/991", "lines", List.of(Map.of("product_id", item, "quantity", 1,
                "unit_price", "1", "gst_rate", 18)))).post("/api/purchases").then().statusCode(409).body("error.code", is("DUPLICATE_BILL"));
        as(3, slug).body(Map.of("vendor_id", vendor, "lines", List.of())).post("/api/purchases").then().statusCode(400)
                .body("error.details.field", hasItems("bill_number", "lines"));
        as(3, slug).body(Map.of("amount", "600", "mode", "upi")).post("/api/purchases/" + purchase + "/payments").then().statusCode(422);
        as(3, slug).body(Map.of("amount", "90.00", "mode", "bank_transfer")).post("/api/purchases/" + purchase + "/payments").then()
                .statusCode(201).body("data.status", is("partially_paid"));

        int customer = as(3, slug).body(Map.of("name", "Cash Buyer", "state", "Maharashtra")).post("/api/customers").then().statusCode(201)
                .extract().path("data.id");
        int invoice = as(3, slug).body(Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", item, "quantity", 2))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(3, slug).post("/api/invoices/" + invoice + "/issue").then().statusCode(200);
        as(3, slug).body(Map.of("amount", "100.00", "mode", "cash")).post("/api/invoices/" + invoice + "/payments").then().statusCode(201);
        as(3, slug).body(Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", item, "quantity", 1))))
                .post("/api/invoices").then().statusCode(201);

        as(3, slug).get("/api/cashflow").then().statusCode(200)
                .body("data.money_in", is(100.0f)).body("data.money_out", is(90.0f)).body("data.net", is(10.0f))
                .body("data.receivables.days_0_30", is(89.0f)).body("data.payables.total", is(500.0f))
                .body("data.months", hasSize(12))
                // Invoiced counts the issued invoice in its month, paid or not; the draft below does not count.
                .body("data.invoiced", is(189.0f)).body("data.months[11].invoiced", is(189.0f))
                .body("data.months[11].month", is(today.toString().substring(0, 7))).body("data.months[10].invoiced", anyOf(is(0), is(0.0f)));
        as(3, slug).get("/api/cashflow?from=2024-13-01").then().statusCode(400).body("error.code", is("INVALID_DATE"));
    }
}
