package io.ipsc.invoicing;

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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Work from other modules (ipsc.billing, ipsc.stock) is applied exactly once, even when delivered twice. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class ModuleWorkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBillableItemDeliveredTwiceIsBilledOnceAndAStockMovementAppliedOnce() throws Exception {
        String slug = "work-" + UUID.randomUUID().toString().substring(0, 6);
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            Snapshot s = TenantEventsPublisher.snapshot(slug, "dental_clinic").member(5, "admin");
            events.publish(s);
            TenantEventsPublisher.awaitReport(slug, "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("tenant", slug);
        item.put("source", "dental");
        item.put("idempotency_key", "dental:treatment:1");
        item.put("party", Map.of("external_id", "patient:1", "name", "John Doe", "phone", "+91-9876543212"));
        item.put("line", Map.of("description", "Root Canal", "hsn_sac", "999312", "quantity", 1, "unit_price", 5000, "gst_rate", 0));
        item.put("occurred_at", Instant.now().toString());
        int product = InvoicingTest.product(slug, 5, "PASTE-1", "120.00", "12", "10");
        Map<String, Object> movement = Map.of("tenant", slug, "movement_id", "mfg:order:7:produce", "product_id", product,
                "quantity", 5, "reason", "production_output", "reference", "PO-7", "occurred_at", Instant.now().toString());

        // Markers on the same key after the duplicates, so in the same partitions: once they are applied, so are the duplicates.
        Map<String, Object> markerItem = new LinkedHashMap<>(item);
        markerItem.put("idempotency_key", "dental:treatment:marker");
        markerItem.put("party", Map.of("external_id", "patient:marker", "name", "Marker Patient"));
        Map<String, Object> markerMovement = new LinkedHashMap<>(movement);
        markerMovement.put("movement_id", "mfg:order:8:produce");
        markerMovement.put("quantity", 1);

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServers.get().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>("ipsc.billing", slug, JSON.writeValueAsString(item))).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>("ipsc.stock", slug, JSON.writeValueAsString(movement))).get(30, TimeUnit.SECONDS);
            }
            producer.send(new ProducerRecord<>("ipsc.billing", slug, JSON.writeValueAsString(markerItem))).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("ipsc.stock", slug, JSON.writeValueAsString(markerMovement))).get(30, TimeUnit.SECONDS);
        }
        InvoicingTestSupport.eventually(() -> as(5, slug).get("/api/invoices/for-party?external_ref=dental:patient:marker").then()
                .body("data.total_items", is(1)));
        // 10 at the start, the movement once (5) and the marker (1): a duplicate applied twice would make it 21.
        InvoicingTestSupport.eventually(() -> as(5, slug).get("/api/products/" + product).then().body("data.stock_quantity", is(16.0f)));
        int invoice = as(5, slug).get("/api/invoices/for-party?external_ref=dental:patient:1").then()
                .body("data.total_items", is(1)).extract().path("data.items[0].id");
        as(5, slug).get("/api/invoices/" + invoice).then().statusCode(200)
                .body("data.lines", hasSize(1)).body("data.lines[0].description", is("Root Canal"))
                .body("data.total", is(5000.0f));
        as(5, slug).get("/api/customers?search=john").then().body("data.items.name", contains("John Doe"));
        // The module finds what it billed: the patient's invoices by the party it named, the treatment's line by its key.
        as(5, slug).get("/api/invoices/for-party?external_ref=dental:patient:1").then().statusCode(200)
                .body("data.total_items", is(1)).body("data.items[0].id", is(invoice)).body("data.items[0].status", is("draft"))
                .body("data.items[0].lines[0].source_key", is("dental:treatment:1"))
                .body("data.items[0].lines[0].total", is(5000.0f));
        as(5, slug).get("/api/invoices/for-party?external_ref=dental:patient:2").then().statusCode(200)
                .body("data.total_items", is(0)).body("data.items", hasSize(0));
        as(5, slug).get("/api/invoices/for-party").then().statusCode(400).body("success", is(false))
                .body("error.code", is("INVALID_FILTER")).body("error.details[0].field", is("external_ref"));
        // Someone else's token naming this tenant in X-Tenant-ID, and a token claiming a role here for a non-member.
        as(6, slug).get("/api/invoices/for-party?external_ref=dental:patient:1").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
        given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(slug, "admin"))).header("X-Tenant-ID", slug)
                .get("/api/invoices/for-party?external_ref=dental:patient:1").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
    }
}
