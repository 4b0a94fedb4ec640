package io.ipsc.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.outbox.OutboxRelay;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static io.ipsc.tenant.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle events on {@code ipsc.tenants}, through the outbox, including while the broker is away. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class TenantEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource dataSource;

    @Test
    void publishedEventsAreDeletedOnceOlderThanTheRetentionAndNotBefore() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("prune");
        Api.createTenant(admin, slug);
        as(admin).post("/api/tenants/" + slug + "/suspend").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(0, count(
                "SELECT count(*) FROM outbox WHERE record_key = ? AND published_at IS NULL", slug), "both published"));
        // The creation was published 8 days ago, the suspension 6: only the first is past the 7 days kept.
        update("UPDATE outbox SET published_at = now() - interval '8 days' WHERE record_key = ? AND event_type = 'TENANT_CREATED'", slug);
        update("UPDATE outbox SET published_at = now() - interval '6 days' WHERE record_key = ? AND event_type = 'TENANT_SUSPENDED'", slug);

        assertTrue(relay.prunePublished() >= 1);
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE record_key = ? AND event_type = 'TENANT_CREATED'", slug));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE record_key = ? AND event_type = 'TENANT_SUSPENDED'", slug));
    }

    private long count(String sql, String slug) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, String slug) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, slug);
            assertEquals(1, ps.executeUpdate(), sql);
        }
    }

    @Test
    void everyChangePublishesTheFullSnapshotInOrder() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("events");
        Api.createTenant(admin, slug);
        as(admin).body(Map.of("api_access", false)).put("/api/tenants/" + slug + "/features").then().statusCode(200);
        as(admin).post("/api/tenants/" + slug + "/suspend").then().statusCode(200);
        as(admin).post("/api/tenants/" + slug + "/reactivate").then().statusCode(200);
        as(admin).delete("/api/tenants/" + slug).then().statusCode(200);

        try (TopicReader reader = new TopicReader(Topics.TENANTS)) {
            List<ConsumerRecord<String, String>> records = reader.await(r -> slug.equals(r.key()), 5, Duration.ofSeconds(30));
            assertEquals(5, records.size(), "one event per change");
            List<String> types = records.stream().map(r -> field(r, "event_type")).toList();
            assertEquals(List.of("TENANT_CREATED", "TENANT_UPDATED", "TENANT_SUSPENDED", "TENANT_REACTIVATED", "TENANT_DELETED"), types);
            long previous = -1;
            for (ConsumerRecord<String, String> r : records) {
                long version = JSON.readTree(r.value()).get("version").asLong();
                assertTrue(version > previous, "versions grow: " + version + " after " + previous);
                previous = version;
            }
            JsonNode created = JSON.readTree(records.get(0).value());
            assertEquals(slug, created.get("slug").asText());
            assertEquals("dental_clinic", created.get("organization_type").asText());
            assertEquals("provisioning", created.get("status").asText());
            assertTrue(created.get("features").get("dental_management").asBoolean());
            assertEquals("basic", created.get("subscription").get("plan").asText());
            assertTrue(created.hasNonNull("occurred_at"));
            assertFalse(JSON.readTree(records.get(1).value()).get("features").get("api_access").asBoolean());
            assertEquals("deleted", JSON.readTree(records.get(4).value()).get("status").asText());
        }
    }

    @Test
    void anEventWrittenWhileTheBrokerIsDownArrivesOnceItIsBack() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("outage");
        EmbeddedServers servers = EmbeddedServers.get();
        servers.stopKafka();
        try {
            // The write is accepted: the tenant and its event commit together, whatever the broker's state.
            Api.createTenant(admin, slug);
            as(admin).get("/api/tenants/" + slug).then().statusCode(200);
        } finally {
            servers.startKafka();
        }
        try (TopicReader reader = new TopicReader(Topics.TENANTS)) {
            List<ConsumerRecord<String, String>> records = reader.await(r -> slug.equals(r.key()), 1, Duration.ofSeconds(60));
            assertEquals(1, records.size(), "the event was published after the broker came back");
            assertEquals("TENANT_CREATED", field(records.get(0), "event_type"));
        }
    }

    private static String field(ConsumerRecord<String, String> r, String name) {
        try {
            return JSON.readTree(r.value()).get(name).asText();
        } catch (Exception e) {
            throw new AssertionError("unreadable event " + r.value(), e);
        }
    }
}
