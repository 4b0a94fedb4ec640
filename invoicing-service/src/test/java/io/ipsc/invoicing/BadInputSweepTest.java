package io.ipsc.invoicing;

import io.ipsc.testsupport.BadInputSweep;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.is;

/**
 * Every operation of invoicing-service's OpenAPI document, fed bad input by a tenant's admin:
 * never a 5xx, every error in the envelope (design §4).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class BadInputSweepTest {

    private static final String TENANT = "inv-sweep-" + UUID.randomUUID().toString().substring(0, 6);
    private static final long ADMIN = 71;

    @Test
    void everyOperationAnswersBadInputWithAClientErrorInTheEnvelope() {
        // With advanced reporting, so that the reports' bad input reaches their code rather than the feature gate.
        Snapshot tenant = TenantEventsPublisher.snapshot(TENANT, "business").member(ADMIN, "admin").feature("advanced_reporting", true);
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(tenant);
        }
        TenantEventsPublisher.awaitReport(TENANT, "invoicing", "PROVISIONED", tenant.version(), Duration.ofSeconds(60));

        // One of each, so that id 1 names a real customer, product and draft invoice (vendors share the customers' ids), and the
        // bad values in bodies travel past the lookups down to the calculations and the database.
        Map<String, Object> customer = Map.of("name", "Sweep Customer", "state", "Maharashtra");
        Map<String, Object> product = Map.of("sku", "SWEEP-1", "name", "Sweep item", "hsn_sac", "8471", "price", "100.00",
                "gst_rate", "18", "stock_quantity", "10");
        Map<String, Object> invoice = Map.of("customer_id", 1, "invoice_date", "2024-06-01", "lines", List.of(Map.of(
                "description", "Installation", "hsn_sac", "998719", "quantity", 1, "unit_price", "499.99", "gst_rate", 18,
                "discount_percent", 10)));
        Map<String, Object> purchase = Map.of("vendor_id", 2, "bill_number", "SWEEP-B1", "bill_date", "2024-06-01",
                "lines", List.of(Map.of("product_id", 1, "quantity", 2, "unit_price", "80.00", "gst_rate", 18)));
        InvoicingTest.as(ADMIN, TENANT).body(customer).post("/api/customers").then().statusCode(201).body("data.id", is(1));
        InvoicingTest.as(ADMIN, TENANT).body(customer).post("/api/vendors").then().statusCode(201);
        InvoicingTest.as(ADMIN, TENANT).body(product).post("/api/products").then().statusCode(201).body("data.id", is(1));
        InvoicingTest.as(ADMIN, TENANT).body(invoice).post("/api/invoices").then().statusCode(201).body("data.id", is(1));

        BadInputSweep sweep = BadInputSweep.create()
                .header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of()))
                .header("X-Tenant-ID", TENANT)
                .validBody("POST", "/api/customers", customer)
                .validBody("POST", "/api/products", product)
                .validBody("POST", "/api/invoices", invoice)
                .validBody("PUT", "/api/invoices/{id}", invoice)
                .validBody("POST", "/api/invoices/preview", invoice)
                .validBody("PUT", "/api/invoices/settings", Map.of("upi_id", "sweep.shop@okaxis", "brand_color", "#123456"))
                .validBody("POST", "/api/invoices/{id}/payments", Map.of("amount", "10.00", "mode", "upi"))
                .validBody("POST", "/api/purchases", purchase)
                .sweepOpenApi();
        System.out.println("Bad-input sweep of invoicing-service: " + sweep.summary());
        sweep.assertNoViolations();
    }
}
