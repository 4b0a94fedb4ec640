package io.ipsc.tenant;

import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.outbox.TenantTopicReconciler;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ipsc.tenants is derived from the tenants' rows: when the broker lost a tenant's latest state (a restore
 * onto an empty Kafka, a record lost in a power cut), tenant-service publishes it again, and only then.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class TenantTopicReconcilerTest {

    @Inject
    TenantTopicReconciler reconciler;

    @Inject
    DataSource dataSource;

    @Test
    void aTenantTheTopicIsBehindOnIsPublishedAgainAndAnUpToDateOneIsNot() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("reconcile");
        Api.createTenant(admin, slug);
        awaitOnTopic(slug, rowVersion(slug));

        assertFalse(reconciler.reconcile().contains(slug), "the topic has the tenant's latest state: nothing to publish");

        // The row moved on without an event reaching the topic (as after a broker lost the record).
        execute("UPDATE tenants SET version = version + 1 WHERE slug = ?", slug);
        assertTrue(reconciler.reconcile().contains(slug));
        awaitOnTopic(slug, rowVersion(slug));
    }

    @Test
    void aTopicThatLostEveryRecordGetsEveryTenantBack() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("restored");
        Api.createTenant(admin, slug);
        awaitOnTopic(slug, rowVersion(slug));

        deleteEveryRecord();
        assertNull(reconciler.latestVersionsOnTopic().get(slug), "the topic is empty now");

        assertTrue(reconciler.reconcile().contains(slug));
        awaitOnTopic(slug, rowVersion(slug));
    }

    @Test
    void republishOnRequestIsForPlatformAdminsAndWithAllPublishesEveryTenant() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("republish");
        Api.createTenant(admin, slug);
        long before = rowVersion(slug);
        awaitOnTopic(slug, before);

        // A tenant's own admin may not rebuild the installation's topic.
        Api.as(Api.tenantAdmin(admin, slug)).post("/api/events/tenant-snapshots/republish?all=true")
                .then().statusCode(403).body("success", org.hamcrest.Matchers.is(false));

        // Without all, only tenants the topic is behind on (the other tests show which); the answer lists them.
        Api.as(admin).post("/api/events/tenant-snapshots/republish")
                .then().statusCode(200).body("data.tenants", org.hamcrest.Matchers.notNullValue()).body("data.every_tenant", org.hamcrest.Matchers.is(false));
        // With all=true the tenant is published again although the topic is up to date, as a new version.
        before = rowVersion(slug);
        Api.as(admin).post("/api/events/tenant-snapshots/republish?all=true")
                .then().statusCode(200).body("data.tenants", org.hamcrest.Matchers.hasItem(slug)).body("data.every_tenant", org.hamcrest.Matchers.is(true));
        assertTrue(rowVersion(slug) > before);
        awaitOnTopic(slug, rowVersion(slug));
    }

    private void awaitOnTopic(String slug, long version) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Long published = reconciler.latestVersionsOnTopic().get(slug);
            assertTrue(published != null && published >= version, slug + " on the topic at version " + published + ", row at " + version);
        });
    }

    /**
     * The topic as a new broker has it after ./ipsc restore: there, with its settings, and empty. (A compacted
     * topic refuses deleteRecords, so it is deleted and created again as tenant-service creates it.)
     */
    private static void deleteEveryRecord() throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServers.get().kafkaBootstrapServers()))) {
            int partitions = kafka.describeTopics(List.of(Topics.TENANTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.TENANTS).partitions().size();
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TENANTS);
            Map<String, String> settings = new HashMap<>();
            kafka.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic).entries().stream()
                    .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .forEach(e -> settings.put(e.name(), e.value()));
            kafka.deleteTopics(List.of(Topics.TENANTS)).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try {
                    kafka.createTopics(List.of(new NewTopic(Topics.TENANTS, partitions, (short) 1).configs(settings)))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (Exception stillBeingDeleted) {
                    throw new AssertionError(stillBeingDeleted);
                }
            });
        }
    }

    private long rowVersion(String slug) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT version FROM tenants WHERE slug = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql, String slug) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, slug);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
