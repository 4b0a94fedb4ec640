package io.ipsc.invoicing;

import io.ipsc.tenancy.metrics.UsageMonth;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.MetricsScrape;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Products, customers and GST invoices against each tenant's real database. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class InvoicingTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String A = "inv-a-" + RUN;
    static final String B = "inv-b-" + RUN;
    static final String SMALL = "inv-small-" + RUN;
    static final String USAGE = "inv-use-" + RUN;
    static final String METRICS = "inv-met-" + RUN;
    static final String INDIAN_MONTH = "inv-ist-" + RUN;
    static final long ANU = 11;
    static final long BALA = 22;
    static final long USAGE_ADMIN = 31;
    static final long USAGE_STAFF = 32;
    static final long USAGE_VIEWER = 33;
    private static boolean provisioned;

    @BeforeEach
    void provision() {
        if (provisioned) {
            return;
        }
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            for (Snapshot s : List.of(
                    TenantEventsPublisher.snapshot(A, "business").member(ANU, "admin"),
                    TenantEventsPublisher.snapshot(B, "business").member(BALA, "admin"),
                    TenantEventsPublisher.snapshot(SMALL, "business").member(ANU, "admin").limits(1, 2),
                    TenantEventsPublisher.snapshot(USAGE, "business").member(USAGE_ADMIN, "admin").member(USAGE_STAFF, "staff")
                            .member(USAGE_VIEWER, "viewer"),
                    TenantEventsPublisher.snapshot(METRICS, "business").member(ANU, "admin"),
                    TenantEventsPublisher.snapshot(INDIAN_MONTH, "business").member(ANU, "admin").limits(null, 2))) {
                events.publish(s);
                TenantEventsPublisher.awaitReport(s.slug(), "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            }
        }
        provisioned = true;
    }

    static RequestSpecification as(long user, String tenant) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(user, Map.of()))
                .header("X-Tenant-ID", tenant).contentType("application/json");
    }

    static int product(String tenant, long user, String sku, String price, String rate, String stock) {
        return as(user, tenant).body(Map.of("sku", sku, "name", "Item " + sku, "hsn_sac", "8471", "price", price, "gst_rate", rate,
                        "stock_quantity", stock))
                .post("/api/products").then().statusCode(201).extract().path("data.id");
    }

    static int customer(String tenant, long user, Map<String, Object> body) {
        return as(user, tenant).body(body).post("/api/customers").then().statusCode(201).extract().path("data.id");
    }

    @Test
    void productsAreValidatedAndEachTenantSeesOnlyItsOwn() {
        String sku = "SKU-" + RUN;
        as(ANU, A).body(Map.of("sku", sku, "name", "Dental chair", "hsn_sac", "9018", "price", "125000.00", "gst_rate", 12))
                .post("/api/products").then().statusCode(201)
                .body("data.sku", is(sku)).body("data.price", is(125000.00f)).body("data.service", is(false));
        as(ANU, A).body(Map.of("sku", sku.toLowerCase(), "name", "Again", "price", "1", "gst_rate", 12)).post("/api/products").then()
                .statusCode(409).body("error.code", is("DUPLICATE_SKU"));
        as(ANU, A).body(Map.of("sku", "X", "name", "Bad", "hsn_sac", "12345", "price", "-1", "gst_rate", 17)).post("/api/products").then()
                .statusCode(400).body("error.details.field", hasItems("hsn_sac", "price", "gst_rate"));
        as(ANU, A).body(Map.of("name", "No sku")).post("/api/products").then().statusCode(400)
                .body("error.details.field", hasItems("sku", "price", "gst_rate"));
        as(ANU, A).get("/api/products?search=dental").then().statusCode(200).body("data.items.sku", hasItem(sku));

        // The seed's isolation example: the same request with two tenants' headers.
        as(BALA, B).body(Map.of("sku", "B-ONLY-" + RUN, "name", "Bala's item", "price", "10", "gst_rate", 5)).post("/api/products").then().statusCode(201);
        as(ANU, A).get("/api/products?size=100").then().statusCode(200).body("data.items.sku", not(hasItem("B-ONLY-" + RUN)));
        as(BALA, B).get("/api/products?size=100").then().statusCode(200).body("data.items.sku", not(hasItem(sku)))
                .body("data.items.sku", hasItem("B-ONLY-" + RUN));
        // Anu is not Bala's member: by header she gets nothing of B, whatever she tries.
        as(ANU, B).get("/api/products").then().statusCode(403);
        as(ANU, B).body(Map.of("sku", "X", "name", "x", "price", "1", "gst_rate", 5)).post("/api/products").then().statusCode(403);
        as(ANU, B).get("/api/customers").then().statusCode(403);
        as(ANU, B).get("/api/invoices").then().statusCode(403);
    }

    @Test
    void theProductQuotaIsEnforced() {
        product(SMALL, ANU, "Q1-" + RUN, "1", "0", "0");
        as(ANU, SMALL).body(Map.of("sku", "Q2-" + RUN, "name", "Two", "price", "1", "gst_rate", 0)).post("/api/products").then()
                .statusCode(429).body("error.code", is("QUOTA_EXCEEDED"));
    }

    @Test
    void customersCarryTheirGstState() {
        as(ANU, A).body(Map.of("name", "Karnataka Traders", "gstin", "29AAGCB7383J1Z4")).post("/api/customers").then().statusCode(201)
                .body("data.state_code", is("29")).body("data.state", is("Karnataka")).body("warnings", nullValue());
        as(ANU, A).body(Map.of("name", "Seedy Check", "gstin", "27AABFS1234A1Z5")).post("/api/customers").then().statusCode(201)
                .body("warnings", hasItem(containsString("check character")));
        as(ANU, A).body(Map.of("name", "Walk-in", "state", "Maharashtra")).post("/api/customers").then().statusCode(201)
                .body("data.gstin", nullValue()).body("data.state_code", is("27"));
        as(ANU, A).body(Map.of("name", "Bad", "gstin", "27AAB", "phone", "123", "pincode", "0001")).post("/api/customers").then()
                .statusCode(400).body("error.details.field", hasItems("gstin", "phone", "pincode"));
    }

    @Test
    void intraAndInterStateInvoicesTaxAndIssueWithNumbersPerFinancialYear() {
        int local = customer(A, ANU, Map.of("name", "Pune Retail " + RUN, "state", "Maharashtra"));
        int outside = customer(A, ANU, Map.of("name", "Bengaluru Co " + RUN, "gstin", "29AAGCB7383J1Z4"));
        int item = product(A, ANU, "GST-" + RUN, "1000.00", "18", "100");

        int intra = as(ANU, A).body(Map.of("customer_id", local, "invoice_date", "2024-06-01",
                        "lines", List.of(Map.of("product_id", item, "quantity", 2), Map.of("description", "Installation", "hsn_sac", "998719",
                                "quantity", 1, "unit_price", "499.99", "gst_rate", 18, "discount_percent", 10))))
                .post("/api/invoices").then().statusCode(201)
                .body("data.status", is("draft")).body("data.number", nullValue()).body("data.inter_state", is(false))
                .body("data.place_of_supply", is("27")).body("data.place_of_supply_name", is("Maharashtra"))
                .body("data.taxable_amount", is(2449.99f)).body("data.cgst", is(220.50f)).body("data.sgst", is(220.50f))
                .body("data.igst", is(0.0f)).body("data.total", is(2891.0f)).body("data.round_off", is(0.01f))
                .extract().path("data.id");
        as(ANU, A).body(Map.of("customer_id", outside, "invoice_date", "2024-06-02", "lines", List.of(Map.of("product_id", item, "quantity", 1))))
                .post("/api/invoices").then().statusCode(201)
                .body("data.place_of_supply", is("29")).body("data.place_of_supply_name", is("Karnataka"))
                .body("data.inter_state", is(true)).body("data.igst", is(180.0f)).body("data.cgst", is(0.0f)).body("data.total", is(1180.0f));

        String first = as(ANU, A).post("/api/invoices/" + intra + "/issue").then().statusCode(200)
                // To an unregistered buyer (B2C): e-invoicing does not apply, so no IRN.
                .body("data.status", is("issued")).body("data.irn", nullValue()).extract().path("data.number");
        assertEquals(true, first.startsWith("INV/2425/"));
        as(ANU, A).post("/api/invoices/" + intra + "/issue").then().statusCode(409).body("error.code", is("INVOICE_NOT_DRAFT"));
        as(ANU, A).body(Map.of("customer_id", local, "lines", List.of(Map.of("product_id", item, "quantity", 1)))).put("/api/invoices/" + intra)
                .then().statusCode(409);
        as(ANU, A).delete("/api/invoices/" + intra).then().statusCode(409);

        // 31 March closes 2024-25; 1 April opens 2025-26 at 1.
        String march = issue(A, ANU, local, item, "2025-03-31");
        String april = issue(A, ANU, local, item, "2025-04-01");
        assertEquals(true, march.startsWith("INV/2425/"));
        assertEquals("INV/2526/00001", april);
        assertEquals(Integer.parseInt(first.substring(9)) + 1, Integer.parseInt(march.substring(9)));
    }

    @Test
    void twentyConcurrentIssuesGetTwentyConsecutiveNumbers() throws Exception {
        int local = customer(B, BALA, Map.of("name", "Concurrent Co", "state", "Maharashtra"));
        int item = product(B, BALA, "CC-" + RUN, "10.00", "5", "1000");
        List<Integer> drafts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            drafts.add(as(BALA, B).body(Map.of("customer_id", local, "invoice_date", "2023-07-01",
                    "lines", List.of(Map.of("product_id", item, "quantity", 1)))).post("/api/invoices").then().statusCode(201).extract().path("data.id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<String>> numbers = new ArrayList<>();
        for (int id : drafts) {
            Callable<String> issue = () -> as(BALA, B).post("/api/invoices/" + id + "/issue").then().statusCode(200).extract().path("data.number");
            numbers.add(pool.submit(issue));
        }
        Set<Integer> sequence = new HashSet<>();
        for (Future<String> n : numbers) {
            String number = n.get();
            assertEquals(true, number.startsWith("INV/2324/"), number);
            sequence.add(Integer.parseInt(number.substring(9)));
        }
        pool.shutdown();
        assertEquals(20, sequence.size(), "distinct");
        for (int i = 1; i <= 20; i++) {
            assertEquals(true, sequence.contains(i), "no gap at " + i + ": " + sequence);
        }
        as(BALA, B).get("/api/products/" + item).then().body("data.stock_quantity", is(980.0f));
    }

    @Test
    void issuingMovesStockAndRefusesToOversell() {
        int local = customer(A, ANU, Map.of("name", "Stock Buyer", "state", "Maharashtra"));
        int item = product(A, ANU, "STK-" + RUN, "50.00", "12", "5");
        int tooMany = as(ANU, A).body(Map.of("customer_id", local, "lines", List.of(Map.of("product_id", item, "quantity", 10))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(ANU, A).post("/api/invoices/" + tooMany + "/issue").then().statusCode(409).body("error.code", is("INSUFFICIENT_STOCK"));
        as(ANU, A).get("/api/invoices/" + tooMany).then().body("data.status", is("draft")).body("data.number", nullValue());
        as(ANU, A).get("/api/products/" + item).then().body("data.stock_quantity", is(5.0f));
        issue(A, ANU, local, item, null);
        as(ANU, A).get("/api/products/" + item).then().body("data.stock_quantity", is(4.0f));

        // Cancelling by credit note puts the stock back; a draft or a cancelled invoice cannot be cancelled.
        int issued = as(ANU, A).get("/api/invoices?status=issued&customer_id=" + local).then().extract().path("data.items[0].id");
        as(ANU, A).body(Map.of()).post("/api/invoices/" + issued + "/cancel").then().statusCode(400).body("error.details.field", hasItem("reason"));
        as(ANU, A).body(Map.of("reason", "Wrong customer")).post("/api/invoices/" + issued + "/cancel").then().statusCode(200)
                // The invoice was B2C: its credit note takes no IRN either.
                .body("data.credit_note_number", startsWith("CN/")).body("data.irn", nullValue());
        as(ANU, A).get("/api/invoices/" + issued).then().body("data.status", is("cancelled"));
        as(ANU, A).get("/api/products/" + item).then().body("data.stock_quantity", is(5.0f));
        as(ANU, A).body(Map.of("reason", "Again")).post("/api/invoices/" + issued + "/cancel").then().statusCode(409);
        as(ANU, A).body(Map.of("reason", "Draft")).post("/api/invoices/" + tooMany + "/cancel").then().statusCode(409)
                .body("error.code", is("INVOICE_NOT_CANCELLABLE"));
    }

    @Test
    void paymentsMoveTheInvoiceThroughItsStates() {
        int local = customer(A, ANU, Map.of("name", "Payer", "state", "Maharashtra"));
        int item = product(A, ANU, "PAY-" + RUN, "100.00", "18", "10");
        int id = as(ANU, A).body(Map.of("customer_id", local, "lines", List.of(Map.of("product_id", item, "quantity", 1))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(ANU, A).body(Map.of("amount", "10", "mode", "upi")).post("/api/invoices/" + id + "/payments").then().statusCode(409);
        as(ANU, A).post("/api/invoices/" + id + "/issue").then().statusCode(200);
        as(ANU, A).body(Map.of("amount", "100.00", "mode", "upi")).post("/api/invoices/" + id + "/payments").then().statusCode(201)
                .body("data.status", is("partially_paid")).body("data.balance_due", is(18.0f));
        as(ANU, A).body(Map.of("amount", "18.01", "mode", "cash")).post("/api/invoices/" + id + "/payments").then().statusCode(422)
                .body("error.code", is("OVERPAYMENT"));
        as(ANU, A).body(Map.of("amount", "18", "mode", "barter")).post("/api/invoices/" + id + "/payments").then().statusCode(400);
        as(ANU, A).body(Map.of("amount", "18.00", "mode", "cash")).post("/api/invoices/" + id + "/payments").then().statusCode(201)
                .body("data.status", is("paid")).body("data.balance_due", is(0.0f));
    }

    @Test
    void invoiceErrorsAreClearAndTheMonthlyQuotaHolds() {
        as(ANU, A).body(Map.of("lines", List.of())).post("/api/invoices").then().statusCode(400)
                .body("error.details.field", hasItems("customer_id", "lines"));
        as(ANU, A).body(Map.of("customer_id", 999999, "lines", List.of(Map.of("description", "x", "quantity", 1, "unit_price", "1", "gst_rate", 5))))
                .post("/api/invoices").then().statusCode(422).body("error.code", is("UNKNOWN_CUSTOMER"));
        as(ANU, A).body(Map.of("customer_id", 1, "lines", List.of(Map.of("quantity", 0)))).post("/api/invoices").then().statusCode(400)
                .body("error.details.field", hasItems("lines[0].quantity", "lines[0].description", "lines[0].unit_price", "lines[0].gst_rate"));
        int c = customer(SMALL, ANU, Map.of("name", "Quota Co"));
        Map<String, Object> body = Map.of("customer_id", c, "lines", List.of(Map.of("description", "Work", "quantity", 1, "unit_price", "1", "gst_rate", 0)));
        as(ANU, SMALL).body(body).post("/api/invoices").then().statusCode(201);
        as(ANU, SMALL).body(body).post("/api/invoices").then().statusCode(201);
        as(ANU, SMALL).body(body).post("/api/invoices").then().statusCode(429).body("error.code", is("QUOTA_EXCEEDED"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void usageCountsTheTenantsRecordsAndThisMonthsTransactionsForItsAdminsOnly() {
        int kept = product(USAGE, USAGE_ADMIN, "USE-1", "100.00", "18", "50");
        product(USAGE, USAGE_ADMIN, "USE-2", "10.00", "5", "0");
        int archived = product(USAGE, USAGE_ADMIN, "USE-3", "1.00", "0", "0");
        as(USAGE_ADMIN, USAGE).delete("/api/products/" + archived).then().statusCode(200);
        int buyer = customer(USAGE, USAGE_ADMIN, Map.of("name", "Usage Buyer", "state", "Maharashtra"));
        int vendor = as(USAGE_ADMIN, USAGE).body(Map.of("name", "Usage Supplier", "state", "Karnataka")).post("/api/vendors").then()
                .statusCode(201).extract().path("data.id");
        // Issued and paid; and a draft dated in 2024 but made today, which is this month's work.
        String number = issue(USAGE, USAGE_ADMIN, buyer, kept, null);
        int issued = as(USAGE_ADMIN, USAGE).get("/api/invoices?status=issued").then().extract().path("data.items[0].id");
        as(USAGE_ADMIN, USAGE).body(Map.of("amount", "10.00", "mode", "cash")).post("/api/invoices/" + issued + "/payments").then().statusCode(201);
        as(USAGE_ADMIN, USAGE).body(Map.of("customer_id", buyer, "invoice_date", "2024-06-01", "lines", List.of(Map.of("product_id", kept, "quantity", 1))))
                .post("/api/invoices").then().statusCode(201);
        int purchase = as(USAGE_ADMIN, USAGE).body(Map.of("vendor_id", vendor, "bill_number", "US/1",
                        "lines", List.of(Map.of("product_id", kept, "quantity", 2, "unit_price", "40.00", "gst_rate", 18))))
                .post("/api/purchases").then().statusCode(201).extract().path("data.id");
        as(USAGE_ADMIN, USAGE).body(Map.of("amount", "5.00", "mode", "upi")).post("/api/purchases/" + purchase + "/payments").then().statusCode(201);

        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Kolkata")).toString();
        as(USAGE_ADMIN, USAGE).get("/api/usage").then().statusCode(200)
                .body("success", is(true))
                .body("data.products", is(2)).body("data.customers", is(1)).body("data.vendors", is(1))
                .body("data.invoices_this_month", is(2)).body("data.purchases_this_month", is(1))
                .body("data.payments_this_month", is(2)).body("data.transactions_this_month", is(5))
                .body("data.month", is(month))
                .body("data", aMapWithSize(8));
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", USAGE)
                .get("/api/usage").then().statusCode(200).body("data.invoices_this_month", is(2)).body("data.products", is(2));
        assertNotNull(number);

        as(USAGE_STAFF, USAGE).get("/api/usage").then().statusCode(403).body("success", is(false)).body("error.code", is("INSUFFICIENT_ROLE"));
        as(USAGE_VIEWER, USAGE).get("/api/usage").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        // Another tenant's admin naming this tenant, and this tenant's admin naming another: neither sees the other's figures.
        as(BALA, USAGE).get("/api/usage").then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
        as(USAGE_ADMIN, B).get("/api/usage").then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
        // A token claiming admin of the tenant counts for nothing: membership is the tenant's own record.
        given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(USAGE, "admin"))).header("X-Tenant-ID", USAGE)
                .get("/api/usage").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        as(BALA, B).get("/api/usage").then().statusCode(200).body("data.month", is(month));
    }

    /**
     * The month starts at midnight in India, 18:30 UTC the day before: an invoice made in those first
     * hours is this month's for the quota and for usage, whatever the database session's time zone.
     */
    @Test
    void theMonthOfQuotaAndUsageIsTheIndianCalendarMonth() throws Exception {
        int buyer = customer(INDIAN_MONTH, ANU, Map.of("name", "Early Bird", "state", "Maharashtra"));
        UsageMonth month = UsageMonth.current();
        String database = "tenant_" + INDIAN_MONTH.replace('-', '_') + "_invoicing";
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database), "postgres", "postgres");
             Statement st = c.createStatement()) {
            for (OffsetDateTime made : List.of(month.start().plusMinutes(1), month.start().minusMinutes(1))) {
                st.execute("INSERT INTO invoices (customer_id, status, invoice_date, created_at) VALUES (" + buyer + ", 'draft', '"
                        + made.toLocalDate() + "', '" + made + "'::timestamptz)");
            }
        }
        Map<String, Object> draft = Map.of("customer_id", buyer, "lines", List.of(Map.of("description", "Work", "quantity", 1,
                "unit_price", "1", "gst_rate", 0)));

        as(ANU, INDIAN_MONTH).body(draft).post("/api/invoices").then().statusCode(201);
        as(ANU, INDIAN_MONTH).body(draft).post("/api/invoices").then().statusCode(429).body("error.code", is("QUOTA_EXCEEDED"));
        as(ANU, INDIAN_MONTH).get("/api/usage").then().statusCode(200)
                .body("data.invoices_this_month", is(2)).body("data.transactions_this_month", is(2)).body("data.month", is(month.label()));
    }

    @Test
    void metricsCarryTheTenantOnRequestAndBusinessCounters() {
        int item = product(METRICS, ANU, "MET-1", "100.00", "18", "10");
        int buyer = customer(METRICS, ANU, Map.of("name", "Metrics Buyer", "state", "Maharashtra"));
        int vendor = as(ANU, METRICS).body(Map.of("name", "Metrics Supplier")).post("/api/vendors").then().statusCode(201).extract().path("data.id");
        issue(METRICS, ANU, buyer, item, null);
        int invoice = as(ANU, METRICS).get("/api/invoices?status=issued").then().extract().path("data.items[0].id");
        as(ANU, METRICS).body(Map.of("amount", "10.00", "mode", "cash")).post("/api/invoices/" + invoice + "/payments").then().statusCode(201);
        int purchase = as(ANU, METRICS).body(Map.of("vendor_id", vendor, "bill_number", "M/1",
                        "lines", List.of(Map.of("description", "Paper", "quantity", 1, "unit_price", "40.00", "gst_rate", 12))))
                .post("/api/purchases").then().statusCode(201).extract().path("data.id");
        as(ANU, METRICS).body(Map.of("amount", "5.00", "mode", "upi")).post("/api/purchases/" + purchase + "/payments").then().statusCode(201);
        // Refused: the same draft issued again (409, from the resource), and another tenant's member (403, from the guard).
        as(ANU, METRICS).post("/api/invoices/" + invoice + "/issue").then().statusCode(409);
        as(BALA, METRICS).get("/api/products").then().statusCode(403);

        String scrape = MetricsScrape.scrape();
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_invoices_issued_total", "tenant", METRICS));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_purchases_recorded_total", "tenant", METRICS));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_payments_recorded_total", "tenant", METRICS, "direction", "received"));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_payments_recorded_total", "tenant", METRICS, "direction", "made"));
        // product, customer, vendor, draft, issue, payment, purchase, purchase payment
        assertEquals(8.0, MetricsScrape.value(scrape, "ipsc_requests_total", "tenant", METRICS, "service", "invoicing-service",
                "method", "POST", "status", "2xx"));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_requests_total", "tenant", METRICS, "method", "POST", "status", "4xx"));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_requests_total", "tenant", METRICS, "method", "GET", "status", "4xx"));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_provisioning_outcomes_total", "tenant", METRICS, "service", "invoicing",
                "outcome", "PROVISIONED"));
        // Latency stays tenant-free.
        assertTrue(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds")).noneMatch(l -> l.contains("tenant=")));
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds")));
    }

    static String issue(String tenant, long user, int customer, int product, String date) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", product, "quantity", 1))));
        if (date != null) {
            body.put("invoice_date", date);
        }
        int id = as(user, tenant).body(body).post("/api/invoices").then().statusCode(201).extract().path("data.id");
        return as(user, tenant).post("/api/invoices/" + id + "/issue").then().statusCode(200).extract().path("data.number");
    }
}
