package io.ipsc.invoicing;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Credit and debit notes through HTTP on a tenant in Maharashtra (27), with figures worked out here: a credit note by
 * quantity (stock back), by value (no stock), a debit note, the invoice's balance, status and the cash flow after them,
 * over-credit refused (also under concurrent notes), each kind's series per financial year, and who may write them.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class CreditAndDebitNotesTest {

    private static final String KARNATAKA_BUYER = "29AAGCB7383J1Z4";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    /** Each test its own tenant, so that series, stock and the cash flow are each test's alone. */
    private static final String FLOW = "notes-" + RUN;
    private static final String MISC = "nmisc-" + RUN;
    private static final String SERIES = "series-" + RUN;
    private static final String RACE = "race-" + RUN;
    private static final String OTHER = "nother-" + RUN;
    private static final long ADMIN = 4;
    private static final long OTHER_ADMIN = 5;
    private static final long STAFF = 6;

    private boolean ready;

    @BeforeEach
    void tenants() {
        if (ready) {
            return;
        }
        ready = true;
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            List<Snapshot> all = List.of(
                    TenantEventsPublisher.snapshot(FLOW, "business").member(ADMIN, "admin"),
                    TenantEventsPublisher.snapshot(MISC, "business").member(ADMIN, "admin").member(STAFF, "staff"),
                    TenantEventsPublisher.snapshot(SERIES, "business").member(ADMIN, "admin"),
                    TenantEventsPublisher.snapshot(RACE, "business").member(ADMIN, "admin"),
                    TenantEventsPublisher.snapshot(OTHER, "business").member(OTHER_ADMIN, "admin"));
            all.forEach(events::publish);
            for (Snapshot s : all) {
                TenantEventsPublisher.awaitReport(s.slug(), "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            }
        }
    }

    @Test
    void creditByQuantityAndByValueAndADebitNoteAdjustStockBalanceStatusAndCashFlow() {
        int shoe = product(FLOW, "SHOE", "1000.00", "12", 100);
        int buyer = customer(FLOW, Map.of("name", "Karnataka Buyer", "gstin", KARNATAKA_BUYER));
        // Line 1: 10 shoes × ₹1,000 at 12 %, inter-state: 10,000 + IGST 1,200 = 11,200.
        // Line 2: 5 tins of polish × ₹200 at 18 %: 1,000 + IGST 180 = 1,180. Invoice 12,380.
        int invoice = issue(FLOW, buyer, "2024-08-10", Map.of("product_id", shoe, "quantity", 10),
                Map.of("description", "Shoe polish", "hsn_sac", "3405", "unit", "nos", "quantity", 5, "unit_price", "200.00", "gst_rate", "18"));
        as(ADMIN, FLOW).get("/api/invoices/" + invoice).then().body("data.total", is(12380.0f));
        as(ADMIN, FLOW).get("/api/products/" + shoe).then().body("data.stock_quantity", is(90.0f));

        // 3 shoes come back: 3 × 1,000 = 3,000 + IGST 12 % 360 = 3,360; the 3 pairs return to stock (90 → 93).
        as(ADMIN, FLOW).body(note(invoice, "2024-08-20", Map.of("invoice_line", 1, "quantity", 3))).post("/api/credit-notes").then()
                .statusCode(201).body("success", is(true))
                .body("data.kind", is("credit")).body("data.number", is("CN/2425/00001")).body("data.invoice_number", is("INV/2425/00001"))
                .body("data.invoice_date", is("2024-08-10")).body("data.note_date", is("2024-08-20")).body("data.inter_state", is(true))
                .body("data.place_of_supply", is("29"))
                .body("data.taxable_amount", is(3000.0f)).body("data.igst", is(360.0f)).body("data.cgst", is(0.0f)).body("data.total", is(3360.0f))
                // Its IRN input is the credit note's own: SHA-256 of the supplier's GSTIN (the test tenant's), the year 2024-25, CRN and its number.
                .body("data.irn", is(sha256("27AAPFU0939F1ZV" + "2024-25" + "CRN" + "CN/2425/00001")))
                .body("data.lines", hasSize(1)).body("data.lines[0].invoice_line", is(1)).body("data.lines[0].quantity", is(3.0f))
                .body("data.lines[0].gst_rate", is(12.0f)).body("data.lines[0].hsn_sac", is("6403"));
        as(ADMIN, FLOW).get("/api/products/" + shoe).then().body("data.stock_quantity", is(93.0f));
        // Balance 12,380 − 3,360 = 9,020.
        as(ADMIN, FLOW).get("/api/invoices/" + invoice).then().body("data.status", is("issued"))
                .body("data.credited_amount", is(3360.0f)).body("data.balance_due", is(9020.0f));

        // A price reduction of ₹500 on the shoes: 500 + IGST 60 = 560; no goods move (stock stays 93). Balance 9,020 − 560 = 8,460.
        as(ADMIN, FLOW).body(note(invoice, "2024-08-21", Map.of("invoice_line", 1, "amount", "500.00"))).post("/api/credit-notes").then()
                .statusCode(201).body("data.number", is("CN/2425/00002")).body("data.total", is(560.0f)).body("data.lines[0].quantity", nullValue());
        as(ADMIN, FLOW).get("/api/products/" + shoe).then().body("data.stock_quantity", is(93.0f));

        // Two more tins of polish: 2 × 200 = 400 + IGST 18 % 72 = 472, in the debit notes' own series. Balance 8,460 + 472 = 8,932.
        as(ADMIN, FLOW).body(note(invoice, "2024-08-22", Map.of("invoice_line", 2, "quantity", 2))).post("/api/debit-notes").then()
                .statusCode(201).body("data.kind", is("debit")).body("data.number", is("DN/2425/00001")).body("data.total", is(472.0f))
                .body("data.igst", is(72.0f)).body("data.irn", is(sha256("27AAPFU0939F1ZV" + "2024-25" + "DBN" + "DN/2425/00001")));
        as(ADMIN, FLOW).get("/api/invoices/" + invoice).then().body("data.credited_amount", is(3920.0f))
                .body("data.debited_amount", is(472.0f)).body("data.balance_due", is(8932.0f));

        // Over-credit refused, per line: 10 shoes sold, 3 back, 8 more is too many; the shoes' value left is
        // 10,000 − 3,000 − 500 = 6,500, so ₹7,000 off is too much, and so are the 7 remaining pairs at ₹1,000 (7,000).
        as(ADMIN, FLOW).body(note(invoice, null, Map.of("invoice_line", 1, "quantity", 8))).post("/api/credit-notes").then()
                .statusCode(422).body("success", is(false)).body("data", nullValue()).body("error.code", is("QUANTITY_EXCEEDS_SOLD"));
        as(ADMIN, FLOW).body(note(invoice, null, Map.of("invoice_line", 1, "amount", "7000.00"))).post("/api/credit-notes").then()
                .statusCode(422).body("error.code", is("CREDIT_EXCEEDS_INVOICE"));
        as(ADMIN, FLOW).body(note(invoice, null, Map.of("invoice_line", 1, "quantity", 7))).post("/api/credit-notes").then()
                .statusCode(422).body("error.code", is("CREDIT_EXCEEDS_INVOICE"));
        // Polish: 5 sold + 2 debited = 7; 7 can come back, 8 cannot.
        as(ADMIN, FLOW).body(note(invoice, null, Map.of("invoice_line", 2, "quantity", 8))).post("/api/credit-notes").then()
                .statusCode(422).body("error.code", is("QUANTITY_EXCEEDS_SOLD"));
        // Nothing of the refusals was written: no number taken, no stock moved.
        as(ADMIN, FLOW).get("/api/credit-notes?invoice_id=" + invoice).then().statusCode(200).body("data.total_items", is(2))
                .body("data.items.number", contains("CN/2425/00002", "CN/2425/00001"));
        as(ADMIN, FLOW).get("/api/products/" + shoe).then().body("data.stock_quantity", is(93.0f));

        // Receivables after the notes: 8,932 owed, over 90 days past the invoice date.
        as(ADMIN, FLOW).get("/api/cashflow?from=2024-08-01&to=2024-08-31").then().statusCode(200)
                .body("data.receivables.total", is(8932.0f)).body("data.receivables.days_over_90", is(8932.0f))
                // Invoiced in August: 12,380 − 3,360 − 560 + 472 = 8,932.
                .body("data.invoiced", is(8932.0f)).body("data.top_customers[0].outstanding", is(8932.0f));

        // Paying what is owed settles it; a debit note opens it again for its amount: ₹100 more on the polish, 100 + 18 = 118.
        as(ADMIN, FLOW).body(Map.of("amount", "8932.01", "mode", "upi")).post("/api/invoices/" + invoice + "/payments").then()
                .statusCode(422).body("error.code", is("OVERPAYMENT"));
        as(ADMIN, FLOW).body(Map.of("amount", "8932.00", "mode", "upi")).post("/api/invoices/" + invoice + "/payments").then()
                .statusCode(201).body("data.status", is("paid")).body("data.balance_due", is(0.0f));
        as(ADMIN, FLOW).body(note(invoice, "2024-08-23", Map.of("invoice_line", 2, "amount", "100.00"))).post("/api/debit-notes").then()
                .statusCode(201).body("data.number", is("DN/2425/00002")).body("data.total", is(118.0f));
        as(ADMIN, FLOW).get("/api/invoices/" + invoice).then().body("data.status", is("partially_paid")).body("data.balance_due", is(118.0f));
        as(ADMIN, FLOW).get("/api/cashflow?from=2024-08-01&to=2024-08-31").then().body("data.receivables.total", is(118.0f));
        // An invoice with notes is no longer cancelled whole: a credit note takes off what remains.
        as(ADMIN, FLOW).body(Map.of("reason", "Whole")).post("/api/invoices/" + invoice + "/cancel").then().statusCode(409)
                .body("error.code", is("INVOICE_NOT_CANCELLABLE"));

        // Get one, by kind: a debit note is not a credit note.
        int debitId = as(ADMIN, FLOW).get("/api/debit-notes?invoice_id=" + invoice).then().statusCode(200).body("data.total_items", is(2))
                .extract().path("data.items[0].id");
        as(ADMIN, FLOW).get("/api/debit-notes/" + debitId).then().statusCode(200).body("data.number", is("DN/2425/00002"))
                .body("data.lines[0].taxable_amount", is(100.0f));
        as(ADMIN, FLOW).get("/api/credit-notes/" + debitId).then().statusCode(404).body("success", is(false));
    }

    @Test
    void notesAreRefusedOnDraftsCancelledOrUnknownInvoicesAndBadBodiesAtTheirField() {
        int shoe = product(MISC, "BOOT", "500.00", "5", 10);
        int walkIn = customer(MISC, Map.of("name", "Walk-in", "state", "Maharashtra"));
        int draft = as(ADMIN, MISC).body(Map.of("customer_id", walkIn, "lines", List.of(Map.of("product_id", shoe, "quantity", 1))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(ADMIN, MISC).body(note(draft, null, Map.of("invoice_line", 1, "quantity", 1))).post("/api/credit-notes").then()
                .statusCode(409).body("error.code", is("INVOICE_NOT_ISSUED"));
        int cancelled = issue(MISC, walkIn, null, Map.of("product_id", shoe, "quantity", 1));
        as(ADMIN, MISC).body(Map.of("reason", "Duplicate")).post("/api/invoices/" + cancelled + "/cancel").then().statusCode(200);
        as(ADMIN, MISC).body(note(cancelled, null, Map.of("invoice_line", 1, "amount", "10.00"))).post("/api/debit-notes").then()
                .statusCode(409).body("error.code", is("INVOICE_NOT_ISSUED"));
        as(ADMIN, MISC).body(note(999999, null, Map.of("invoice_line", 1, "quantity", 1))).post("/api/credit-notes").then()
                .statusCode(422).body("error.code", is("UNKNOWN_INVOICE"));

        int issued = issue(MISC, walkIn, "2024-09-10", Map.of("product_id", shoe, "quantity", 2));
        as(ADMIN, MISC).body(note(issued, null, Map.of("invoice_line", 1, "quantity", 1, "amount", "5.00"))).post("/api/credit-notes")
                .then().statusCode(400).body("error.code", is("VALIDATION_ERROR")).body("error.details.field", hasItem("lines[0].quantity"));
        as(ADMIN, MISC).body(note(issued, null, Map.of("invoice_line", 2, "quantity", 1))).post("/api/credit-notes")
                .then().statusCode(400).body("error.details[0].field", is("lines[0].invoice_line"));
        as(ADMIN, MISC).body(note(issued, "2024-09-09", Map.of("invoice_line", 1, "quantity", 1))).post("/api/credit-notes")
                .then().statusCode(400).body("error.details[0].field", is("note_date"));
        as(ADMIN, MISC).body(Map.of("invoice_id", issued, "lines", List.of(Map.of("invoice_line", 1, "quantity", 1)))).post("/api/credit-notes")
                .then().statusCode(400).body("error.details.field", hasItem("reason"));
        as(ADMIN, MISC).body(note(issued, null, Map.of("invoice_line", 1, "amount", "-1.00"))).post("/api/debit-notes")
                .then().statusCode(400).body("error.details[0].field", is("lines[0].amount"));
        // Staff issue invoices; notes that change issued ones are a manager's.
        as(STAFF, MISC).body(note(issued, null, Map.of("invoice_line", 1, "quantity", 1))).post("/api/credit-notes")
                .then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        as(ADMIN, MISC).get("/api/credit-notes?invoice_id=" + issued).then().statusCode(200).body("data.total_items", is(0));
    }

    @Test
    void eachKindRunsItsOwnSeriesPerFinancialYear() {
        int item = product(SERIES, "ITEM", "100.00", "18", 50);
        int walkIn = customer(SERIES, Map.of("name", "Walk-in", "state", "Maharashtra"));
        // Invoiced in March 2024 (FY 2023-24), noted on both sides of 1 April 2024.
        int invoice = issue(SERIES, walkIn, "2024-03-10", Map.of("product_id", item, "quantity", 10));
        List<String> numbers = new ArrayList<>();
        for (String[] n : List.of(new String[]{"credit", "2024-03-25"}, new String[]{"debit", "2024-03-26"}, new String[]{"credit", "2024-03-31"},
                new String[]{"credit", "2024-04-01"}, new String[]{"debit", "2024-04-02"}, new String[]{"credit", "2024-04-03"})) {
            numbers.add(as(ADMIN, SERIES).body(note(invoice, n[1], Map.of("invoice_line", 1, "quantity", 1))).post("/api/" + n[0] + "-notes")
                    .then().statusCode(201).extract().path("data.number"));
        }
        assertEquals(List.of("CN/2324/00001", "DN/2324/00001", "CN/2324/00002", "CN/2425/00001", "DN/2425/00001", "CN/2425/00002"), numbers);
        // The invoices' own series is untouched by the notes'.
        int next = issue(SERIES, walkIn, "2024-03-11", Map.of("product_id", item, "quantity", 1));
        as(ADMIN, SERIES).get("/api/invoices/" + next).then().body("data.number", is("INV/2324/00002"));
        as(ADMIN, SERIES).body(note(invoice, LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(1).toString(), Map.of("invoice_line", 1, "quantity", 1)))
                .post("/api/credit-notes").then().statusCode(400).body("error.details[0].field", is("note_date"));
    }

    @Test
    void concurrentCreditNotesNeverCreditMoreThanWasSold() throws Exception {
        int item = product(RACE, "RACE", "1000.00", "12", 100);
        int walkIn = customer(RACE, Map.of("name", "Walk-in", "state", "Maharashtra"));
        // 10 × ₹1,000 at 12 % locally: 10,000 + CGST 600 + SGST 600 = 11,200.
        int invoice = issue(RACE, walkIn, null, Map.of("product_id", item, "quantity", 10));
        // Six notes of 2 at once: 2 × 1,000 = 2,000 + CGST 120 + SGST 120 = 2,240 each; only five fit in the 10 sold.
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Callable<Response> post = () -> as(ADMIN, RACE).body(note(invoice, null, Map.of("invoice_line", 1, "quantity", 2)))
                        .post("/api/credit-notes");
                answers.add(pool.submit(post));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> f : answers) {
                statuses.add(f.get().statusCode());
            }
            assertEquals(5, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(1, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        } finally {
            pool.shutdown();
        }
        // 5 × 2,240 = 11,200 credited: exactly the invoice, nothing owed; all 10 back in stock (90 → 100); five gapless numbers.
        as(ADMIN, RACE).get("/api/invoices/" + invoice).then().body("data.credited_amount", is(11200.0f)).body("data.balance_due", is(0.0f))
                .body("data.status", is("paid"));
        as(ADMIN, RACE).get("/api/products/" + item).then().body("data.stock_quantity", is(100.0f));
        String year = financialYearCode(LocalDate.now(ZoneId.of("Asia/Kolkata")));
        as(ADMIN, RACE).get("/api/credit-notes?invoice_id=" + invoice).then().body("data.total_items", is(5))
                .body("data.items.number", containsInAnyOrder("CN/" + year + "/00001", "CN/" + year + "/00002", "CN/" + year + "/00003",
                        "CN/" + year + "/00004", "CN/" + year + "/00005"));
        as(ADMIN, RACE).body(note(invoice, null, Map.of("invoice_line", 1, "amount", "1.00"))).post("/api/credit-notes").then()
                .statusCode(422).body("error.code", is("CREDIT_EXCEEDS_INVOICE"));
    }

    @Test
    void anotherTenantsTokenOrAForgedTenantIdGetsNothing() {
        int item = product(MISC, "ISO", "100.00", "18", 10);
        int walkIn = customer(MISC, Map.of("name", "Isolated", "state", "Maharashtra"));
        int invoice = issue(MISC, walkIn, null, Map.of("product_id", item, "quantity", 2));
        int credit = as(ADMIN, MISC).body(note(invoice, null, Map.of("invoice_line", 1, "quantity", 1))).post("/api/credit-notes").then()
                .statusCode(201).extract().path("data.id");
        int debit = as(ADMIN, MISC).body(note(invoice, null, Map.of("invoice_line", 1, "amount", "10.00"))).post("/api/debit-notes").then()
                .statusCode(201).extract().path("data.id");
        Map<String, Object> body = note(invoice, null, Map.of("invoice_line", 1, "quantity", 1));
        for (String kind : List.of("credit", "debit")) {
            int id = kind.equals("credit") ? credit : debit;
            String family = "/api/" + kind + "-notes";
            for (String path : List.of(family, family + "?invoice_id=" + invoice, family + "/" + id)) {
                // Another tenant's admin naming this tenant.
                as(OTHER_ADMIN, MISC).get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
                // A token claiming this tenant that its records do not bear out.
                given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(MISC, "admin"))).header("X-Tenant-ID", MISC)
                        .get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
                // This tenant's admin with a forged X-Tenant-ID naming the other tenant: refused, nothing of either.
                as(ADMIN, OTHER).get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
            }
            as(OTHER_ADMIN, MISC).body(body).post(family).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
            as(ADMIN, OTHER).body(body).post(family).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
            // The other tenant's own admin in its own tenant: its database has no such note or invoice.
            as(OTHER_ADMIN, OTHER).get(family + "/" + id).then().statusCode(404);
            as(OTHER_ADMIN, OTHER).body(body).post(family).then().statusCode(422).body("error.code", is("UNKNOWN_INVOICE"));
        }
        // Nothing was written by the refused posts.
        as(ADMIN, MISC).get("/api/credit-notes?invoice_id=" + invoice).then().body("data.total_items", is(1));
        as(ADMIN, MISC).get("/api/debit-notes?invoice_id=" + invoice).then().body("data.total_items", is(1));
    }

    static String financialYearCode(LocalDate date) {
        int start = date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
        return String.format("%02d%02d", start % 100, (start + 1) % 100);
    }

    @SafeVarargs
    static Map<String, Object> note(int invoice, String date, Map<String, Object>... lines) {
        Map<String, Object> body = new HashMap<>(Map.of("invoice_id", invoice, "reason", "Goods returned", "lines", List.of(lines)));
        if (date != null) {
            body.put("note_date", date);
        }
        return body;
    }

    private static int product(String tenant, String sku, String price, String rate, int stock) {
        return as(ADMIN, tenant).body(Map.of("sku", sku + "-" + UUID.randomUUID().toString().substring(0, 4), "name", "Shoes " + sku,
                        "hsn_sac", "6403", "unit", "pcs", "price", price, "gst_rate", rate, "stock_quantity", stock))
                .post("/api/products").then().statusCode(201).extract().path("data.id");
    }

    private static int customer(String tenant, Map<String, Object> body) {
        return as(ADMIN, tenant).body(body).post("/api/customers").then().statusCode(201).extract().path("data.id");
    }

    @SafeVarargs
    static int issue(String tenant, int customer, String date, Map<String, Object>... lines) {
        Map<String, Object> body = new HashMap<>(Map.of("customer_id", customer, "lines", new ArrayList<>(List.of(lines))));
        if (date != null) {
            body.put("invoice_date", date);
        }
        int id = as(ADMIN, tenant).body(body).post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(ADMIN, tenant).post("/api/invoices/" + id + "/issue").then().statusCode(200);
        return id;
    }

    /** Hex SHA-256, as the e-invoice's IRN is made (written here again so that the service's own hashing is not the check). */
    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
