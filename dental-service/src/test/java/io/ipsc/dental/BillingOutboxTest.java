package io.ipsc.dental;

import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A billable item is never lost: not when Kafka is down at completion, not when a run ends before sending it. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class BillingOutboxTest {

    private static TenantEventsPublisher events;

    @BeforeAll
    static void open() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void aCompletionWhileKafkaIsDownIsBilledOnceKafkaIsBack() throws Exception {
        TestClinic clinic = TestClinic.provision(events, "outage");
        long patient = clinic.createPatient("Kiran", "Outage");
        long id = clinic.asAdmin().body(Map.of("patient_id", patient, "treatment_date", "2024-10-01T10:00:00",
                "treatment_type", "Crown", "cost", 12000)).post("/api/treatments").then().statusCode(201).extract().jsonPath().getLong("data.id");
        EmbeddedServers servers = EmbeddedServers.get();
        servers.stopKafka();
        try {
            clinic.asAdmin().post("/api/treatments/" + id + "/complete").then().statusCode(200).body("data.status", is("completed"));
            assertEquals("1", clinic.scalar("SELECT count(*) FROM billing_outbox WHERE sent_at IS NULL"));
        } finally {
            servers.startKafka();
        }
        Predicate<ConsumerRecord<String, String>> billed =
                r -> r.value().contains("\"dental:treatment:" + id + "\"") && clinic.slug().equals(r.key());
        try (TopicReader reader = new TopicReader(Topics.BILLING)) {
            assertEquals(1, reader.await(billed, 1, Duration.ofSeconds(90)).size());
            await().atMost(Duration.ofSeconds(30)).until(() -> "0".equals(clinic.scalar("SELECT count(*) FROM billing_outbox WHERE sent_at IS NULL")));
            // The outbox row is marked sent: no send of it can still come. Exactly one reached the topic.
            assertEquals(1, reader.awaitAllBeforeMarker(clinic.slug(), billed, Duration.ofSeconds(30)).size(), "billed once, no duplicate");
        }
    }

    @Test
    void itemsLeftQueuedBehindTheRelaysBackAreSentByItsSweepOfTheTenantsServed() throws Exception {
        TestClinic clinic = TestClinic.provision(events, "leftover");
        String key = "dental:treatment:777";
        execute(clinic, "INSERT INTO billing_outbox (idempotency_key, payload) VALUES ('" + key + "', '{\"tenant\":\"" + clinic.slug()
                + "\",\"source\":\"dental\",\"idempotency_key\":\"" + key + "\"}')");
        clinic.asAdmin().get("/api/patients").then().statusCode(200);
        try (TopicReader reader = new TopicReader(Topics.BILLING)) {
            assertEquals(1, reader.await(r -> r.value().contains("\"" + key + "\"") && clinic.slug().equals(r.key()),
                    1, Duration.ofSeconds(60)).size());
        }
    }

    private static void execute(TestClinic clinic, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(clinic.database()), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
