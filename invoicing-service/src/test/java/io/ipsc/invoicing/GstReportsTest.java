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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.invoicing.InvoicingTest.as;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class GstReportsTest {

    @Test
    void gstr1SplitsB2bB2cLargeAndSmallWithAnHsnSummaryOnlyWithAdvancedReporting() {
        String slug = "gstr-" + UUID.randomUUID().toString().substring(0, 6);
        String plain = "plain-" + UUID.randomUUID().toString().substring(0, 6);
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            Snapshot s = TenantEventsPublisher.snapshot(slug, "business").member(4, "admin").feature("advanced_reporting", true);
            Snapshot p = TenantEventsPublisher.snapshot(plain, "business").member(4, "admin");
            events.publish(s);
            events.publish(p);
            TenantEventsPublisher.awaitReport(slug, "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            TenantEventsPublisher.awaitReport(plain, "invoicing", "PROVISIONED", p.version(), Duration.ofSeconds(60));
        }
        int registered = as(4, slug).body(Map.of("name", "B2B Buyer", "gstin", "29AAGCB7383J1Z4")).post("/api/customers").then().extract().path("data.id");
        int farAway = as(4, slug).body(Map.of("name", "Delhi Walk-in", "state", "Delhi")).post("/api/customers").then().extract().path("data.id");
        int local = as(4, slug).body(Map.of("name", "Local Walk-in", "state", "Maharashtra")).post("/api/customers").then().extract().path("data.id");
        issue(slug, registered, "1000.00", "18");
        issue(slug, farAway, "150000.00", "12");
        issue(slug, local, "200.00", "5");
        as(4, slug).get("/api/reports/gstr1?month=2024-06").then().statusCode(200)
                .body("data.b2b", hasSize(1)).body("data.b2b[0].gstin", is("29AAGCB7383J1Z4")).body("data.b2b[0].igst", is(180.0f))
                .body("data.b2c_large", hasSize(1)).body("data.b2c_large[0].place_of_supply", is("07"))
                .body("data.b2c_small", hasSize(1)).body("data.b2c_small[0].place_of_supply", is("27"))
                .body("data.hsn_summary[0].hsn_sac", is("9983")).body("data.hsn_summary[0].taxable", is(151200.0f))
                // Each section added up: 1,000 at 18 % IGST (Karnataka); 1,50,000 at 12 % IGST (Delhi); 200 at 5 % as CGST+SGST.
                .body("data.totals.b2b.invoices", is(1)).body("data.totals.b2b.taxable", is(1000.0f)).body("data.totals.b2b.total", is(1180.0f))
                .body("data.totals.b2c_large.igst", is(18000.0f)).body("data.totals.b2c_large.total", is(168000.0f))
                .body("data.totals.b2c_small.cgst", is(5.0f)).body("data.totals.b2c_small.sgst", is(5.0f))
                .body("data.totals.hsn_summary.quantity", is(3.0f)).body("data.totals.hsn_summary.taxable", is(151200.0f))
                .body("data.totals.hsn_summary.igst", is(18180.0f)).body("data.totals.hsn_summary.total", is(169390.0f));
        as(4, slug).get("/api/reports/sales-register?month=2024-06").then().statusCode(200).body("data.invoices", hasSize(3));
        as(4, slug).get("/api/reports/gstr1?month=June").then().statusCode(400).body("error.code", is("INVALID_MONTH"));
        as(4, plain).get("/api/reports/gstr1?month=2024-06").then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
    }

    private static void issue(String slug, int customer, String price, String rate) {
        int id = as(4, slug).body(Map.of("customer_id", customer, "invoice_date", "2024-06-15", "lines", List.of(Map.of(
                        "description", "Consulting", "hsn_sac", "9983", "quantity", 1, "unit_price", price, "gst_rate", rate))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(4, slug).post("/api/invoices/" + id + "/issue").then().statusCode(200);
    }
}
