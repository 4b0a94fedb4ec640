package io.ipsc.invoicing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/invoices/preview}: the figures issuing would give, figure by figure, and nothing
 * written; bad input refused as creating refuses it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class InvoicePreviewTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String T = "inv-prev-" + RUN;
    private static final String OTHER = "inv-prev-o-" + RUN;
    private static final long ADMIN = 41;
    private static final long VIEWER = 42;
    private static final long OUTSIDER = 43;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean provisioned;
    private static ThreeRateInvoice fixture;
    private static int local;
    private static int outside;
    private static int bolt;

    @BeforeEach
    void provision() {
        if (provisioned) {
            return;
        }
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            for (Snapshot s : List.of(TenantEventsPublisher.snapshot(T, "business").member(ADMIN, "admin").member(VIEWER, "viewer"),
                    TenantEventsPublisher.snapshot(OTHER, "business").member(OUTSIDER, "admin"))) {
                events.publish(s);
                TenantEventsPublisher.awaitReport(s.slug(), "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            }
        }
        fixture = ThreeRateInvoice.create(T, ADMIN, RUN);
        local = fixture.local();
        outside = fixture.outside();
        bolt = fixture.bolt();
        provisioned = true;
    }

    /** Three rates, a discount, a fractional quantity, a free-text service line: every rounding path. */
    private static Map<String, Object> body(int customer) {
        return fixture.body(customer);
    }

    @Test
    void thePreviewIsWhatIssuingGivesFigureByFigure() throws Exception {
        for (int customer : List.of(local, outside)) {
            JsonNode preview = data(as(ADMIN, T).body(body(customer)).post("/api/invoices/preview"), 200);
            int id = as(ADMIN, T).body(body(customer)).post("/api/invoices").then().statusCode(201).extract().path("data.id");
            as(ADMIN, T).post("/api/invoices/" + id + "/issue").then().statusCode(200);
            JsonNode issued = data(as(ADMIN, T).get("/api/invoices/" + id), 200);

            for (String field : List.of("place_of_supply", "inter_state", "invoice_date", "due_date", "customer_id", "amount_in_words")) {
                assertEquals(issued.get(field), preview.get(field), field);
            }
            for (String figure : List.of("taxable_amount", "cgst", "sgst", "igst", "round_off", "total")) {
                assertSame(issued.get(figure), preview.get(figure), figure);
            }
            assertEquals(3, preview.get("lines").size());
            assertEquals(issued.get("lines").size(), preview.get("lines").size());
            for (int i = 0; i < 3; i++) {
                JsonNode p = preview.get("lines").get(i);
                JsonNode s = issued.get("lines").get(i);
                for (String field : List.of("position", "product_id", "description", "hsn_sac", "unit")) {
                    assertEquals(s.get(field), p.get(field), "lines[" + i + "]." + field);
                }
                for (String figure : List.of("quantity", "unit_price", "discount_percent", "gst_rate", "taxable_amount", "cgst", "sgst", "igst",
                        "total")) {
                    assertSame(s.get(figure), p.get(figure), "lines[" + i + "]." + figure);
                }
            }
        }
    }

    @Test
    void theFiguresAreTheTaxRulesOnes() throws Exception {
        JsonNode intra = data(as(ADMIN, T).body(body(local)).post("/api/invoices/preview"), 200);
        // Widget: 2.5 kg x 333.33 = 833.325, less 7.5 % = 770.825625 -> 770.83; 6 % CGST and SGST = 46.2498 -> 46.25 each.
        // Bolts: 13 x 7.15 = 92.95; 14 % each = 13.013 -> 13.01.
        // Service: 3 x 499.99 = 1499.97, less 10 % = 1349.973 -> 1349.97; 9 % each = 121.4973 -> 121.50.
        // Taxable 770.83 + 92.95 + 1349.97 = 2213.75; CGST = SGST = 46.25 + 13.01 + 121.50 = 180.76;
        // total 2213.75 + 361.52 = 2575.27 -> 2575, round-off -0.27.
        assertSame("2213.75", intra.get("taxable_amount"));
        assertSame("180.76", intra.get("cgst"));
        assertSame("180.76", intra.get("sgst"));
        assertSame("0", intra.get("igst"));
        assertSame("-0.27", intra.get("round_off"));
        assertSame("2575", intra.get("total"));
        assertEquals("Rupees Two Thousand Five Hundred Seventy Five Only", intra.get("amount_in_words").asText());
        assertEquals("27", intra.get("place_of_supply").asText());
        assertEquals("Maharashtra", intra.get("place_of_supply_name").asText());
        assertEquals("kg", intra.get("lines").get(0).get("unit").asText());
        assertEquals("nos", intra.get("lines").get(1).get("unit").asText());
        assertEquals("hrs", intra.get("lines").get(2).get("unit").asText());
        assertSame("770.83", intra.get("lines").get(0).get("taxable_amount"));

        JsonNode inter = data(as(ADMIN, T).body(body(outside)).post("/api/invoices/preview"), 200);
        // IGST at the full rate: 770.83 x 12 % = 92.4996 -> 92.50; 92.95 x 28 % = 26.026 -> 26.03; 1349.97 x 18 % = 242.9946 -> 242.99.
        // 2213.75 + 361.52 = 2575.27 again -> 2575.
        assertSame("361.52", inter.get("igst"));
        assertSame("0", inter.get("cgst"));
        assertSame("2575", inter.get("total"));
        assertEquals(true, inter.get("inter_state").asBoolean());
        assertEquals("Karnataka", inter.get("place_of_supply_name").asText());
    }

    @Test
    void aPreviewWritesNothing() throws Exception {
        Map<String, String> before = databaseState();
        for (int customer : List.of(local, outside)) {
            as(ADMIN, T).body(body(customer)).post("/api/invoices/preview").then().statusCode(200);
            as(VIEWER, T).body(body(customer)).post("/api/invoices/preview").then().statusCode(200);
        }
        assertEquals(before, databaseState());
    }

    @Test
    void badInputIsRefusedAsCreatingRefusesIt() throws Exception {
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(Map.of());
        bad.add(Map.of("customer_id", 999_999, "lines", List.of(Map.of("product_id", bolt, "quantity", 1))));
        bad.add(Map.of("customer_id", local, "lines", List.of(Map.of("product_id", 999_999, "quantity", 1))));
        bad.add(Map.of("customer_id", local, "lines", List.of(Map.of("description", "x", "quantity", "1.2345", "unit_price", "1.001",
                "gst_rate", 17, "discount_percent", "101", "unit", "a-unit-name-longer-than-sixteen"))));
        bad.add(Map.of("customer_id", local, "lines", List.of(Map.of("description", "Too much", "quantity", "99999999999",
                "unit_price", "999999999999", "gst_rate", 28))));
        bad.add(Map.of("customer_id", local, "lines", List.of(Map.of("product_id", bolt, "quantity", 1, "colour", "red"))));
        bad.add(Map.of("customer_id", local, "invoice_date", "2024-02-30", "lines", List.of(Map.of("product_id", bolt, "quantity", 1))));
        bad.add(Map.of("customer_id", local, "invoice_date", "2024-06-10", "due_date", "2024-06-01",
                "lines", List.of(Map.of("product_id", bolt, "quantity", 1))));
        for (Map<String, Object> body : bad) {
            Response created = as(ADMIN, T).body(body).post("/api/invoices");
            Response previewed = as(ADMIN, T).body(body).post("/api/invoices/preview");
            String what = "for " + body;
            assertTrue(created.statusCode() >= 400 && created.statusCode() < 500, what + ": creating answered " + created.statusCode());
            assertEquals(created.statusCode(), previewed.statusCode(), what);
            assertEquals(created.jsonPath().getString("error.code"), previewed.jsonPath().getString("error.code"), what);
            assertEquals(created.jsonPath().getList("error.details.field"), previewed.jsonPath().getList("error.details.field"), what);
        }
        as(ADMIN, T).post("/api/invoices/preview").then().statusCode(400).body("error.code", is("MISSING_BODY"));
    }

    @Test
    void everyMemberMayPreviewAndNoOneElse() {
        as(VIEWER, T).body(body(local)).post("/api/invoices/preview").then().statusCode(200).body("data.total", is(2575.0f));
        // Viewers read: creating is still refused them.
        as(VIEWER, T).body(body(local)).post("/api/invoices").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        // Another tenant's admin, and a token claiming this tenant that its records do not bear out.
        as(OUTSIDER, T).body(body(local)).post("/api/invoices/preview").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"))
                .body("data", org.hamcrest.Matchers.nullValue());
        given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(T, "admin"))).header("X-Tenant-ID", T)
                .contentType("application/json").body(body(local)).post("/api/invoices/preview").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER"));
    }

    // ---- helpers

    private static JsonNode data(Response response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.asString());
        return JSON.readTree(response.asString()).get("data");
    }

    private static void assertSame(JsonNode expected, JsonNode actual, String what) {
        assertEquals(0, expected.decimalValue().compareTo(actual.decimalValue()), what + ": " + expected + " vs " + actual);
    }

    private static void assertSame(String expected, JsonNode actual) {
        assertEquals(0, new java.math.BigDecimal(expected).compareTo(actual.decimalValue()), expected + " vs " + actual);
    }

    /** Row counts of every table, the number series and the identity sequences of the tenant's database. */
    private static Map<String, String> databaseState() throws Exception {
        String database = "tenant_" + T.replace('-', '_') + "_invoicing";
        Map<String, String> state = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database), "postgres", "postgres");
             Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.contains("invoices") && tables.contains("stock_movements"), tables.toString());
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \""
                        + table + "\" t")) {
                    rs.next();
                    state.put(table, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT sequencename, last_value FROM pg_sequences ORDER BY sequencename")) {
                while (rs.next()) {
                    state.put("sequence " + rs.getString(1), String.valueOf(rs.getObject(2)));
                }
            }
        }
        return state;
    }
}
