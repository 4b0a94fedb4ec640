package io.ipsc.invoicing;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 21 in invoicing: every change through the API leaves its audit row with the user, old and new
 * values; Kafka-driven work is the system's with its record; only the tenant's admins read the trail.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class InvoicingAuditTrailTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String SLUG = "inv-audit-" + RUN;
    private static final String OTHER = "inv-audit-o-" + RUN;
    private static final long ADMIN = 71;
    private static final long VIEWER = 72;
    private static final long OUTSIDER = 73;

    @BeforeAll
    static void provision() {
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            Snapshot s = TenantEventsPublisher.snapshot(SLUG, "business").member(ADMIN, "admin").member(VIEWER, "viewer");
            Snapshot o = TenantEventsPublisher.snapshot(OTHER, "business").member(OUTSIDER, "admin");
            events.publish(s);
            events.publish(o);
            TenantEventsPublisher.awaitReport(SLUG, "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            TenantEventsPublisher.awaitReport(OTHER, "invoicing", "PROVISIONED", o.version(), Duration.ofSeconds(60));
        }
    }

    @Test
    void aProductCreatedChangedTwiceAndDeletedLeavesFourRowsNewestFirstWithTheUser() {
        int id = InvoicingTest.product(SLUG, ADMIN, "AUD-" + RUN, "100.00", "18", "5");
        as(ADMIN, SLUG).body(Map.of("name", "Audited item")).put("/api/products/" + id).then().statusCode(200);
        as(ADMIN, SLUG).body(Map.of("price", "120.00")).put("/api/products/" + id).then().statusCode(200);
        // The API's delete of a product archives it (invoices keep pointing at it): an update of archived.
        as(ADMIN, SLUG).delete("/api/products/" + id).then().statusCode(200);

        ValidatableResponse trail = as(ADMIN, SLUG).header("X-Request-ID", "audit-req-" + RUN)
                .get("/api/audit?entity=product&id=" + id).then().statusCode(200)
                .body("success", is(true))
                .body("data.total_items", is(4))
                .body("data.items.action", contains("update", "update", "update", "insert"))
                .body("data.items.entity", everyItem(is("products")))
                .body("data.items.record_id", everyItem(is(Integer.toString(id))))
                .body("data.items.actor", everyItem(is("user")))
                .body("data.items.user_id", everyItem(is((int) ADMIN)))
                .body("data.items.email", everyItem(is("user" + ADMIN + "@ipsc.test")));
        // Newest first: archived, then the price, then the name; each update names only what it changed (and updated_at).
        trail.body("data.items[0].changes.find { it.field == 'archived' }.old_value", is(false))
                .body("data.items[0].changes.find { it.field == 'archived' }.new_value", is(true))
                .body("data.items[1].changes.find { it.field == 'price' }.old_value", is(100.0f))
                .body("data.items[1].changes.find { it.field == 'price' }.new_value", is(120.0f))
                .body("data.items[1].changes.field", not(hasItem("name")))
                .body("data.items[2].changes.find { it.field == 'name' }.old_value", is("Item AUD-" + RUN))
                .body("data.items[2].changes.find { it.field == 'name' }.new_value", is("Audited item"))
                .body("data.items[3].changes.find { it.field == 'sku' }.new_value", is("AUD-" + RUN))
                .body("data.items[3].changes.find { it.field == 'sku' }.old_value", nullValue());
        // Paged like every list.
        as(ADMIN, SLUG).get("/api/audit?entity=products&id=" + id + "&size=3&page=2").then().statusCode(200)
                .body("data.items", hasSize(1)).body("data.items[0].action", is("insert")).body("data.total_pages", is(2));
    }

    @Test
    void aDraftInvoiceDeletedLeavesADeleteRowWithItsOldValuesAndTheRequestId() {
        int customer = InvoicingTest.customer(SLUG, ADMIN, Map.of("name", "Audit Customer " + RUN, "state", "Maharashtra"));
        int product = InvoicingTest.product(SLUG, ADMIN, "AUD-INV-" + RUN, "50.00", "18", "5");
        int invoice = as(ADMIN, SLUG).body(Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", product, "quantity", 2))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(ADMIN, SLUG).header("X-Request-ID", "del-" + RUN).delete("/api/invoices/" + invoice).then().statusCode(anyOf(is(200), is(204)));
        as(ADMIN, SLUG).get("/api/audit?entity=invoice&id=" + invoice).then().statusCode(200)
                .body("data.items[0].action", is("delete"))
                .body("data.items[0].request_id", is("del-" + RUN))
                .body("data.items[0].changes.find { it.field == 'customer_id' }.old_value", is(customer))
                .body("data.items[0].changes.find { it.field == 'customer_id' }.new_value", nullValue())
                .body("data.items[-1].action", is("insert"));
        // The lines went with it, each with its own row.
        as(ADMIN, SLUG).get("/api/audit?entity=invoice_lines&user=user" + ADMIN + "@ipsc.test").then().statusCode(200)
                .body("data.items.action", hasItem("delete"));
    }

    @Test
    void theTrailRefusesEditsAsTheServicesRoleAndAFailedRequestLeavesNoRow() throws Exception {
        InvoicingTest.product(SLUG, ADMIN, "AUD-DUP-" + RUN, "10.00", "5", "1");
        long before = count();
        // A duplicate SKU fails inside the database: neither the product nor an audit row stays.
        as(ADMIN, SLUG).body(Map.of("sku", "AUD-DUP-" + RUN, "name", "Again", "hsn_sac", "8471", "price", "1", "gst_rate", "5"))
                .post("/api/products").then().statusCode(409);
        assertEquals(before, count());
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : List.of("UPDATE ipsc_audit SET actor_email = 'x'", "DELETE FROM ipsc_audit", "TRUNCATE ipsc_audit")) {
                SQLException refused = assertThrows(SQLException.class, () -> st.execute(sql), sql);
                assertEquals("42501", refused.getSQLState(), sql);
            }
        }
        assertEquals(before, count());
    }

    @Test
    void workFromKafkaIsTheSystemsWithTheRecordThatCausedIt() throws Exception {
        int product = InvoicingTest.product(SLUG, ADMIN, "AUD-K-" + RUN, "10.00", "5", "1");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServers.get().kafkaBootstrapServers());
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            sent = producer.send(new ProducerRecord<>("ipsc.stock", SLUG, "{\"tenant\":\"" + SLUG + "\",\"movement_id\":\"audit:" + RUN
                    + "\",\"product_id\":" + product + ",\"quantity\":4,\"reason\":\"production_output\",\"reference\":\"PO-A\","
                    + "\"occurred_at\":\"" + Instant.now() + "\"}")).get(30, TimeUnit.SECONDS);
        }
        InvoicingTestSupport.eventually(() -> as(ADMIN, SLUG).get("/api/audit?entity=stock_movements").then().statusCode(200)
                .body("data.total_items", is(1)));
        as(ADMIN, SLUG).get("/api/audit?entity=stock_movements").then()
                .body("data.items[0].actor", is("system")).body("data.items[0].user_id", nullValue())
                .body("data.items[0].source.topic", is("ipsc.stock"))
                .body("data.items[0].source.partition", is(sent.partition()))
                .body("data.items[0].source.offset", is((int) sent.offset()));
        as(ADMIN, SLUG).get("/api/audit?entity=product&id=" + product).then()
                .body("data.items[0].actor", is("system")).body("data.items[0].source.topic", is("ipsc.stock"))
                .body("data.items[0].changes.find { it.field == 'stock_quantity' }.new_value", is(5.0f));
    }

    @Test
    void onlyTheTenantsAdminsReadItAndBadFiltersAre400s() {
        as(VIEWER, SLUG).get("/api/audit").then().statusCode(403).body("success", is(false)).body("data", nullValue())
                .body("error.code", is("INSUFFICIENT_ROLE"));
        as(VIEWER, SLUG).get("/api/audit/export?from=2026-01-01&to=2026-12-31").then().statusCode(403);
        // Another tenant's admin naming this tenant in X-Tenant-ID (a forged header) gets nothing.
        as(OUTSIDER, SLUG).get("/api/audit").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        // Their own tenant's trail holds none of this tenant's rows.
        InvoicingTest.product(SLUG, ADMIN, "AUD-ISO-" + RUN, "10.00", "5", "1");
        as(OUTSIDER, OTHER).get("/api/audit?entity=products").then().statusCode(200).body("data.total_items", is(0));
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", SLUG)
                .get("/api/audit?entity=products").then().statusCode(200).body("data.total_items", greaterThan(0));

        as(ADMIN, SLUG).get("/api/audit?entity=unicorn").then().statusCode(400).body("error.code", is("UNKNOWN_ENTITY"))
                .body("message", containsString("invoices")).body("message", containsString("products"));
        as(ADMIN, SLUG).get("/api/audit?id=5").then().statusCode(400).body("error.code", is("ENTITY_REQUIRED"));
        as(ADMIN, SLUG).get("/api/audit?from=yesterday").then().statusCode(400).body("error.code", is("INVALID_FIELD"))
                .body("error.details[0].field", is("from"));
        as(ADMIN, SLUG).get("/api/audit?from=2026-05-01&to=2026-04-01").then().statusCode(400).body("error.code", is("INVALID_RANGE"));
        as(ADMIN, SLUG).get("/api/audit?user=someone").then().statusCode(400).body("error.code", is("INVALID_FIELD"));
        as(ADMIN, SLUG).get("/api/audit/export?from=2026-01-01").then().statusCode(400).body("error.code", is("INVALID_RANGE"));
        as(ADMIN, SLUG).get("/api/audit/export?from=2020-01-01&to=2026-12-31").then().statusCode(400).body("error.code", is("INVALID_RANGE"));
    }

    @Test
    void theAuditorsCsvHasALinePerChangedFieldAndDefusesFormulas() {
        String sku = "AUD-CSV-" + RUN;
        int id = as(ADMIN, SLUG).body(Map.of("sku", sku, "name", "=HYPERLINK(\"http://x\")", "hsn_sac", "8471", "price", "1", "gst_rate", "5"))
                .post("/api/products").then().statusCode(201).extract().path("data.id");
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Kolkata")).toString();
        String csv = as(ADMIN, SLUG).get("/api/audit/export?from=" + today + "&to=" + today).then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("audit_id,at_utc,entity,record_id,action,field,old_value,new_value,actor,user_id,email,request_id,"
                + "kafka_topic,kafka_partition,kafka_offset", lines.get(0));
        String nameLine = lines.stream().filter(l -> l.contains(",products," + id + ",insert,name,")).findFirst().orElseThrow();
        // The formula is kept as text, quoted, and starts with an apostrophe.
        org.hamcrest.MatcherAssert.assertThat(nameLine, containsString(",\"'=HYPERLINK(\"\"http://x\"\")\","));
        org.hamcrest.MatcherAssert.assertThat(nameLine, containsString(",user," + ADMIN + ",user" + ADMIN + "@ipsc.test,"));
    }

    private static long count() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM ipsc_audit")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** As the service connects (its configured role, the owner in the local and test runs). */
    private static Connection connect() throws SQLException {
        String database = as(ADMIN, SLUG).get("/api/tenant-database").then().statusCode(200).extract().path("data.database");
        return DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database), "postgres", "postgres");
    }
}
