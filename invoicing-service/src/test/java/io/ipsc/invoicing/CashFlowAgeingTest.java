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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * The cash flow's ageing buckets and top customers, and the invoice and purchase lists filtered by the same
 * buckets (what a bar of the web's cash-flow chart opens). Every figure is worked out here from the documents made.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class CashFlowAgeingTest {

    private static final long ADMIN = 7101;
    private static final long OUTSIDER = 7102;
    private static final String T = "age-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String OTHER = "ago-" + UUID.randomUUID().toString().substring(0, 6);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Kolkata"));

    private static boolean made;
    private static int customerA;
    private static int customerB;
    private static int days10;
    private static int days45;
    private static int days75;
    private static int days120;
    private static int notYetDue;
    private static int bill50;

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
        // 1,000.00 at 18 %: 1,180.00 a unit, whether CGST+SGST or IGST.
        int item = InvoicingTest.product(T, ADMIN, "AGE-1", "1000.00", "18", "100");
        customerA = InvoicingTest.customer(T, ADMIN, Map.of("name", "Asha Traders", "state", "Maharashtra"));
        customerB = InvoicingTest.customer(T, ADMIN, Map.of("name", "Bharat Stores", "state", "Maharashtra"));
        days10 = issued(customerA, item, 1, TODAY.minusDays(10), null);
        days45 = issued(customerA, item, 2, TODAY.minusDays(45), null);
        days75 = issued(customerA, item, 3, TODAY.minusDays(75), null);
        days120 = issued(customerA, item, 4, TODAY.minusDays(120), TODAY.minusDays(100));
        // Dated 40 days ago but due in 5 days: not yet due, so in 0-30 by its due date.
        notYetDue = issued(customerB, item, 1, TODAY.minusDays(40), TODAY.plusDays(5));
        as(ADMIN, T).body(Map.of("amount", "540.00", "mode", "cash")).post("/api/invoices/" + days75 + "/payments").then().statusCode(201);
        // Neither a paid invoice nor a draft is owed, whatever its age.
        int paid = issued(customerA, item, 1, TODAY.minusDays(45), null);
        as(ADMIN, T).body(Map.of("amount", "1180.00", "mode", "upi")).post("/api/invoices/" + paid + "/payments").then().statusCode(201);
        draft(customerA, item, TODAY.minusDays(45));

        int vendor = as(ADMIN, T).body(Map.of("name", "Pune Metals", "state", "Maharashtra")).post("/api/vendors").then().statusCode(201)
                .extract().path("data.id");
        // 10 × 50.00 + 18 % = 590.00 today; 2 × 100.00 + 18 % = 236.00 fifty days ago.
        bill(vendor, item, "PM/1", 10, "50.00", TODAY);
        bill50 = bill(vendor, item, "PM/2", 2, "100.00", TODAY.minusDays(50));
        made = true;
    }

    @Test
    void theCashFlowAgesWhatIsOwedAndNamesTheCustomersOwingMost() {
        as(ADMIN, T).get("/api/cashflow").then().statusCode(200)
                // 0-30: 1,180 (10 days) + 1,180 (not yet due); 31-60: 2 × 1,180; 61-90: 3 × 1,180 - 540; 90+: 4 × 1,180 (100 days past due).
                .body("data.receivables.days_0_30", is(2360.0f)).body("data.receivables.days_31_60", is(2360.0f))
                .body("data.receivables.days_61_90", is(3000.0f)).body("data.receivables.days_over_90", is(4720.0f))
                .body("data.receivables.total", is(12440.0f))
                .body("data.payables.days_0_30", is(590.0f)).body("data.payables.days_31_60", is(236.0f)).body("data.payables.total", is(826.0f))
                // Asha owes 1,180 + 2,360 + 3,000 + 4,720 on four invoices; Bharat 1,180 on one.
                .body("data.top_customers", hasSize(2))
                .body("data.top_customers[0].customer_id", is(customerA)).body("data.top_customers[0].name", is("Asha Traders"))
                .body("data.top_customers[0].outstanding", is(11260.0f)).body("data.top_customers[0].invoices", is(4))
                .body("data.top_customers[1].customer_id", is(customerB)).body("data.top_customers[1].outstanding", is(1180.0f));
    }

    @Test
    void theInvoiceListKeepsOneAgeingBucketOrWhatACustomerOwes() {
        assertIds(as(ADMIN, T).queryParam("ageing", "0-30").get("/api/invoices").then().statusCode(200).body("data.total_items", is(2))
                .extract().path("data.items.id"), days10, notYetDue);
        as(ADMIN, T).queryParam("ageing", "31-60").get("/api/invoices").then().statusCode(200)
                .body("data.items.id", contains(days45)).body("data.items[0].total", is(2360.0f));
        as(ADMIN, T).queryParam("ageing", "61-90").get("/api/invoices").then().statusCode(200).body("data.items.id", contains(days75));
        as(ADMIN, T).queryParam("ageing", "90+").get("/api/invoices").then().statusCode(200).body("data.items.id", contains(days120));
        assertIds(as(ADMIN, T).queryParam("outstanding", "true").queryParam("customer_id", customerA).get("/api/invoices").then()
                .statusCode(200).extract().path("data.items.id"), days10, days45, days75, days120);
        // Without outstanding the customer's paid invoice and draft are listed too.
        as(ADMIN, T).queryParam("customer_id", customerA).get("/api/invoices").then().statusCode(200).body("data.total_items", is(6));
    }

    @Test
    void thePurchaseListKeepsOneAgeingBucket() {
        as(ADMIN, T).queryParam("ageing", "31-60").get("/api/purchases").then().statusCode(200)
                .body("data.items.id", contains(bill50)).body("data.items[0].total", is(236.0f));
        as(ADMIN, T).queryParam("ageing", "90+").get("/api/purchases").then().statusCode(200).body("data.items", empty());
        as(ADMIN, T).get("/api/purchases").then().statusCode(200).body("data.total_items", is(2));
    }

    @Test
    void anUnknownBucketIsRefusedAtItsField() {
        for (String list : List.of("/api/invoices", "/api/purchases")) {
            as(ADMIN, T).queryParam("ageing", "30-60").get(list).then().statusCode(400).body("success", is(false))
                    .body("error.code", is("INVALID_FILTER")).body("error.details[0].field", is("ageing"))
                    .body("message", containsString("0-30, 31-60, 61-90, 90+"));
        }
    }

    @Test
    void anotherTenantsAdminAndAForgedTenantSeeNothing() {
        for (String path : List.of("/api/invoices?ageing=0-30", "/api/purchases?ageing=0-30", "/api/cashflow")) {
            as(OUTSIDER, T).get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
            // A token claiming this tenant that its records do not bear out.
            given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(T, "admin"))).header("X-Tenant-ID", T)
                    .get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
            // The tenant's own admin naming the other tenant.
            as(ADMIN, OTHER).get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        }
    }

    private static void assertIds(List<Integer> ids, Integer... expected) {
        org.hamcrest.MatcherAssert.assertThat(ids, containsInAnyOrder(expected));
    }

    private static int issued(int customer, int item, int quantity, LocalDate date, LocalDate due) {
        int id = draft(customer, item, date, due, quantity);
        as(ADMIN, T).post("/api/invoices/" + id + "/issue").then().statusCode(200);
        return id;
    }

    private static int draft(int customer, int item, LocalDate date) {
        return draft(customer, item, date, null, 1);
    }

    private static int draft(int customer, int item, LocalDate date, LocalDate due, int quantity) {
        Map<String, Object> body = new HashMap<>(Map.of("customer_id", customer, "invoice_date", date.toString(),
                "lines", List.of(Map.of("product_id", item, "quantity", quantity))));
        if (due != null) {
            body.put("due_date", due.toString());
        }
        return as(ADMIN, T).body(body).post("/api/invoices").then().statusCode(201).extract().path("data.id");
    }

    private static int bill(int vendor, int item, String number, int quantity, String price, LocalDate date) {
        return as(ADMIN, T).body(Map.of("vendor_id", vendor, "bill_number", number, "bill_date", date.toString(),
                        "lines", List.of(Map.of("product_id", item, "quantity", quantity, "unit_price", price, "gst_rate", 18))))
                .post("/api/purchases").then().statusCode(201).extract().path("data.id");
    }
}
