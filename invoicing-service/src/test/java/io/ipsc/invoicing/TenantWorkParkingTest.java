package io.ipsc.invoicing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.ManagementInterface;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.ipsc.invoicing.InvoicingTest.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * No tenant stalls another: a tenant whose database is away has its billing work parked while the next tenant's work,
 * on the same partition, is billed at once; the first is billed when its database is back.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class TenantWorkParkingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Both tenants' records go to this partition of ipsc.billing, the one before the other. */
    private static final int PARTITION = 0;

    @Test
    void aTenantWhoseDatabaseIsAwayDoesNotHoldBackTheNextTenantOnItsPartition() throws Exception {
        String away = "park-a-" + UUID.randomUUID().toString().substring(0, 6);
        String next = "park-b-" + UUID.randomUUID().toString().substring(0, 6);
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            for (String slug : new String[]{away, next}) {
                Snapshot s = TenantEventsPublisher.snapshot(slug, "dental_clinic").member(5, "admin");
                events.publish(s);
                TenantEventsPublisher.awaitReport(slug, "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            }
        }
        // The tenant's pool holds connections from provisioning and its first request: end them, and refuse new ones.
        as(5, away).get("/api/invoices").then().statusCode(200);
        String database = "tenant_" + away.replace('-', '_') + "_invoicing";
        admin("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        try {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServers.get().kafkaBootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("ipsc.billing", PARTITION, away, item(away, "Root Canal"))).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>("ipsc.billing", PARTITION, next, item(next, "Scaling"))).get(30, TimeUnit.SECONDS);
            }
            // Before the fix the listener sought back to the first tenant's record every second and never reached this one.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(5, next)
                    .get("/api/invoices/for-party?external_ref=dental:patient:1").then()
                    .body("data.total_items", is(1)).body("data.items[0].lines[0].description", is("Scaling")));
            ManagementInterface.given().get("/q/metrics").then()
                    .body(containsString("ipsc_kafka_parked_total{service=\"invoicing-service\",topic=\"ipsc.billing\"}"));
        } finally {
            admin("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS true");
        }
        // Parked work is retried with back-off (1 s, 2 s, 4 s, … at most 60 s): back within the next few tries.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> as(5, away)
                .get("/api/invoices/for-party?external_ref=dental:patient:1").then()
                .body("data.total_items", is(1)).body("data.items[0].lines[0].description", is("Root Canal")));
    }

    private static String item(String slug, String treatment) throws Exception {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("tenant", slug);
        item.put("source", "dental");
        item.put("idempotency_key", "dental:treatment:" + treatment);
        item.put("party", Map.of("external_id", "patient:1", "name", "John Doe", "phone", "+91-9876543212"));
        item.put("line", Map.of("description", treatment, "hsn_sac", "999312", "quantity", 1, "unit_price", 5000, "gst_rate", 0));
        item.put("occurred_at", Instant.now().toString());
        return JSON.writeValueAsString(item);
    }

    private static void admin(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl("postgres"), "postgres", "postgres");
             Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
