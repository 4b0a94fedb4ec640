package io.ipsc.manufacturing;

import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Stock movements are never lost: not when Kafka is down at completion, not when a run ends before sending them. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class StockOutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long ADMIN = 51;
    private static TenantEventsPublisher events;

    @BeforeAll
    static void open() {
        events = new TenantEventsPublisher();
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void aCompletionWhileKafkaIsDownMovesStockOnceKafkaIsBack() throws Exception {
        String slug = provision("outage");
        long bom = as(slug).body(Map.of("bom_id", "OUT-1", "product_id", 50_100, "version", "1.0"))
                .post("/api/boms").then().statusCode(201).extract().jsonPath().getLong("data.id");
        as(slug).body(Map.of("product_id", 50_200, "quantity_per_unit", 3)).post("/api/boms/" + bom + "/components").then().statusCode(201);
        long order = as(slug).body(Map.of("order_number", "PO-OUT-1", "bom_id", bom, "quantity", 4, "start_date", "2024-01-15",
                "due_date", "2024-01-20")).post("/api/production-orders").then().statusCode(201).extract().jsonPath().getLong("data.id");
        as(slug).post("/api/production-orders/" + order + "/release").then().statusCode(200);
        as(slug).post("/api/production-orders/" + order + "/start").then().statusCode(200);

        EmbeddedServers servers = EmbeddedServers.get();
        servers.stopKafka();
        try {
            as(slug).body(Map.of("good_quantity", 4)).post("/api/production-orders/" + order + "/complete").then().statusCode(200)
                    .body("data.status", is("completed"));
            assertEquals("2", scalar(slug, "SELECT count(*) FROM stock_outbox WHERE sent_at IS NULL"));
        } finally {
            servers.startKafka();
        }
        // Delivery is at least once: a record the broker wrote but could not confirm during the outage may come
        // twice, and invoicing-service applies it once by its movement id. What must hold: each movement arrives.
        try (TopicReader reader = new TopicReader(Topics.STOCK)) {
            for (String movement : List.of("mfg:order:" + order + ":consume:50200", "mfg:order:" + order + ":produce")) {
                assertFalse(reader.await(r -> slug.equals(r.key()) && r.value().contains("\"" + movement + "\""), 1,
                        Duration.ofSeconds(90)).isEmpty(), movement + " was published");
            }
        }
        await().atMost(WAIT).untilAsserted(() -> assertEquals("0", scalar(slug, "SELECT count(*) FROM stock_outbox WHERE sent_at IS NULL")));
    }

    @Test
    void movementsLeftPendingBehindTheRelaysBackAreSentByItsSweepOfTheTenantsServed() throws Exception {
        String slug = provision("leftover");
        String movement = "mfg:order:777:produce";
        execute(slug, "INSERT INTO stock_outbox (movement_id, payload) VALUES ('" + movement + "', '{\"tenant\":\"" + slug
                + "\",\"movement_id\":\"" + movement + "\",\"product_id\":1,\"quantity\":5,\"reason\":\"production_output\"}')");
        as(slug).get("/api/work-centers").then().statusCode(200);
        try (TopicReader reader = new TopicReader(Topics.STOCK)) {
            assertEquals(1, reader.await(r -> slug.equals(r.key()) && r.value().contains("\"" + movement + "\""), 1, WAIT).size());
        }
    }

    private static String provision(String prefix) {
        Snapshot tenant = TenantEventsPublisher.snapshot(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), "manufacturing")
                .member(ADMIN, "admin");
        events.publish(tenant);
        TenantEventsPublisher.awaitReport(tenant.slug(), "manufacturing", "PROVISIONED", tenant.version(), WAIT);
        return tenant.slug();
    }

    private static RequestSpecification as(String slug) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of()))
                .header("X-Tenant-ID", slug).contentType(ContentType.JSON);
    }

    private static String database(String slug) {
        return "tenant_" + slug.replace('-', '_') + "_manufacturing";
    }

    private static String scalar(String slug, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database(slug)), "postgres", "postgres");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void execute(String slug, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database(slug)), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
