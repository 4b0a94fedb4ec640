package io.ipsc.invoicing;

import io.ipsc.invoicing.invoice.InvoiceTotals;
import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.ipsc.invoicing.InvoicingTest.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 21's cost in invoicing: a draft is written with its amounts, each row once. A three-line invoice
 * is four audited row changes (the head and its lines, inserted), not eight, and its history has no
 * "line changed 0 → 18.00" entries; what is written is exactly what recomputing from the stored lines
 * (how every draft was written before) gives.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class InvoiceSingleWriteTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String SLUG = "inv-once-" + RUN;
    private static final long ADMIN = 81;
    private static ThreeRateInvoice fixture;
    private static int overseas;

    @Inject
    TenantPoolRegistry pools;
    @Inject
    TenantDirectory directory;

    @BeforeAll
    static void provision() {
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            Snapshot s = TenantEventsPublisher.snapshot(SLUG, "business").member(ADMIN, "admin");
            events.publish(s);
            TenantEventsPublisher.awaitReport(SLUG, "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
        }
    }

    /** The customers and products, made once the application answers (not in {@code @BeforeAll}: REST Assured has no port yet). */
    @BeforeEach
    void fixture() {
        if (fixture == null) {
            fixture = ThreeRateInvoice.create(SLUG, ADMIN, RUN);
            overseas = InvoicingTest.customer(SLUG, ADMIN, Map.of("name", "Acme Inc", "gst_category", "overseas", "address_line1", "1 Market St",
                    "city", "San Francisco"));
        }
    }

    @Test
    void aThreeLineInvoiceIsFourRowChangesAndNoLineIsEverUpdated() throws SQLException {
        int invoice = create(fixture.body(fixture.outside()));

        // The head inserted once with its totals, each of the three lines inserted once with its tax.
        assertEquals(Map.of("invoices insert", 1L, "invoice_lines insert", 3L), auditRows(invoice));
        // The lines' insert rows carry their tax: Karnataka is inter-state from Maharashtra, so IGST, e.g. the widget's
        // 2.5 kg × 333.33 less 7.5 % = 770.83 taxable, at 12 % = 92.50.
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                // An insert's row is the line's image (changes_format 3): {field: value}.
                "SELECT changes ->> 'taxable_amount', changes ->> 'igst', changes ->> 'cgst' FROM ipsc_audit "
                        + "WHERE table_name = 'invoice_lines' AND action = 'insert' AND changes_format = 3 AND changes ->> 'invoice_id' = '" + invoice + "' "
                        + "AND changes ->> 'position' = '1'")) {
            rs.next();
            assertEquals("770.83", rs.getString(1));
            assertEquals("92.50", rs.getString(2));
            assertEquals("0.00", rs.getString(3));
        }
    }

    @Test
    void whatIsWrittenOnceIsByteForByteWhatRecomputingTheStoredLinesGives() throws SQLException {
        // Intra-state (CGST + SGST), inter-state (IGST), and an export under LUT (nil tax): every split and a round-off each.
        for (int customer : List.of(fixture.local(), fixture.outside(), overseas)) {
            int invoice = create(fixture.body(customer));
            Map<String, String> written = amounts(invoice);
            Map<Object, Long> rowsBefore = auditRows(invoice);

            // The old way of writing a draft: derive every amount from the lines as they are stored.
            TenantEntry tenant = directory.find(SLUG).orElseThrow();
            pools.withPool(SLUG, tenant.database(), pool -> pool.withTransaction(conn ->
                            InvoiceTotals.recompute(conn, invoice, InvoiceTotals.supplierStateCode(tenant.snapshot()))))
                    .await().atMost(Duration.ofSeconds(30));

            assertEquals(written, amounts(invoice), "customer " + customer);
            // The trail's update trigger fires only on a changed row image: recomputing rewrote no line, and the head only
            // for its updated_at.
            Map<Object, Long> rowsAfter = new TreeMap<>(rowsBefore);
            rowsAfter.merge("invoices update", 1L, Long::sum);
            assertEquals(rowsAfter, new TreeMap<>(auditRows(invoice)), "customer " + customer);
            assertEquals(List.of("updated_at"), lastHeadChange(invoice), "customer " + customer);
        }
    }

    @Test
    void replacingADraftUpdatesItsHeadOnceAndWritesEachNewLineOnce() throws SQLException {
        int invoice = create(fixture.body(fixture.local()));
        as(ADMIN, SLUG).body(Map.of("customer_id", fixture.local(), "lines", List.of(
                        Map.of("product_id", fixture.bolt(), "quantity", 4),
                        Map.of("description", "Site visit", "unit_price", "1500", "gst_rate", 18, "quantity", 1))))
                .put("/api/invoices/" + invoice).then().statusCode(200);

        // The three old lines deleted and the two new ones inserted (each once), the head updated once with its new totals.
        assertEquals(Map.of("invoices insert", 1L, "invoices update", 1L, "invoice_lines insert", 5L, "invoice_lines delete", 3L),
                auditRows(invoice));
        // 4 × 7.15 = 28.60 at 28 % (4.00 + 4.00) and 1,500.00 at 18 % (135.00 + 135.00): 1,806.60, rounded to 1,807.00.
        as(ADMIN, SLUG).get("/api/invoices/" + invoice).then().statusCode(200)
                .body("data.taxable_amount", org.hamcrest.Matchers.is(1528.6f))
                .body("data.round_off", org.hamcrest.Matchers.is(0.4f))
                .body("data.total", org.hamcrest.Matchers.is(1807.0f));
    }

    @Test
    void aLineAnotherModuleBillsIsInsertedWithItsTaxAndOnlyTheTotalsChangeAfter() throws Exception {
        String patient = "patient:" + RUN;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServers.get().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 1; i <= 2; i++) {
                producer.send(new ProducerRecord<>("ipsc.billing", SLUG, "{\"tenant\":\"" + SLUG + "\",\"source\":\"dental\","
                        + "\"idempotency_key\":\"dental:treatment:" + RUN + ":" + i + "\",\"party\":{\"external_id\":\"" + patient
                        + "\",\"name\":\"Asha Patil\",\"state\":\"Maharashtra\"},\"line\":{\"description\":\"Scaling " + i
                        + "\",\"hsn_sac\":\"999312\",\"quantity\":1,\"unit_price\":1234.56,\"gst_rate\":18},\"occurred_at\":\"" + Instant.now()
                        + "\"}")).get(30, TimeUnit.SECONDS);
            }
        }
        InvoicingTestSupport.eventually(() -> as(ADMIN, SLUG).get("/api/invoices/for-party?external_ref=dental:" + patient).then()
                .statusCode(200).body("data.items[0].lines", org.hamcrest.Matchers.hasSize(2)));
        int invoice = as(ADMIN, SLUG).get("/api/invoices/for-party?external_ref=dental:" + patient).then().extract().path("data.items[0].id");

        // Each line inserted once, with its tax (1,234.56 at 18 % within Maharashtra: 111.11 + 111.11); the draft inserted
        // once and its totals updated once per line (2,469.12 + 444.44 = 2,913.56, rounded to 2,914). No line is ever updated.
        assertEquals(Map.of("invoices insert", 1L, "invoices update", 2L, "invoice_lines insert", 2L), auditRows(invoice));
        as(ADMIN, SLUG).get("/api/invoices/" + invoice).then()
                .body("data.lines[1].cgst", org.hamcrest.Matchers.is(111.11f))
                .body("data.taxable_amount", org.hamcrest.Matchers.is(2469.12f))
                .body("data.total", org.hamcrest.Matchers.is(2914.0f));
    }

    private static int create(Map<String, Object> body) {
        return as(ADMIN, SLUG).body(body).post("/api/invoices").then().statusCode(201).extract().path("data.id");
    }

    /** The invoice's audit rows, counted by "table action": its head's, and its lines' (found by the invoice they name). */
    private static Map<Object, Long> auditRows(int invoice) throws SQLException {
        Map<Object, Long> counts = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name || ' ' || action, count(*) FROM ipsc_audit WHERE (table_name = 'invoices' AND record_id = '" + invoice + "') "
                        + "OR (table_name = 'invoice_lines' AND coalesce(changes -> 'invoice_id' ->> 'new', changes -> 'invoice_id' ->> 'old', "
                        + "CASE WHEN changes_format = 3 THEN changes ->> 'invoice_id' END) = '"
                        + invoice + "') OR (table_name = 'invoice_lines' AND record_id IN (SELECT id::text FROM invoice_lines WHERE invoice_id = "
                        + invoice + ")) GROUP BY 1")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** Every stored amount of the invoice and its lines, as PostgreSQL's text: the same bytes, scale included. */
    private static Map<String, String> amounts(int invoice) throws SQLException {
        Map<String, String> amounts = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT place_of_supply, inter_state::text, taxable_amount::text, cgst::text, sgst::text, "
                    + "igst::text, round_off::text, total::text FROM invoices WHERE id = " + invoice)) {
                rs.next();
                for (int i = 1; i <= 8; i++) {
                    amounts.put("head." + rs.getMetaData().getColumnName(i) + i, rs.getString(i));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT position, taxable_amount::text, cgst::text, sgst::text, igst::text, total::text "
                    + "FROM invoice_lines WHERE invoice_id = " + invoice + " ORDER BY position")) {
                while (rs.next()) {
                    for (int i = 2; i <= 6; i++) {
                        amounts.put("line" + rs.getInt(1) + "." + i, rs.getString(i));
                    }
                }
            }
        }
        return amounts;
    }

    /** The fields the head's newest audit row changed. */
    private static List<String> lastHeadChange(int invoice) throws SQLException {
        List<String> fields = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT jsonb_object_keys(changes) FROM (SELECT changes FROM ipsc_audit WHERE table_name = 'invoices' AND record_id = '" + invoice
                        + "' ORDER BY at DESC, id DESC LIMIT 1) newest ORDER BY 1")) {
            while (rs.next()) {
                fields.add(rs.getString(1));
            }
        }
        return fields;
    }

    private static Connection connect() throws SQLException {
        String database = as(ADMIN, SLUG).get("/api/tenant-database").then().statusCode(200).extract().path("data.database");
        return DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database), "postgres", "postgres");
    }
}
