package io.ipsc.tenancy.db.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.event.ProvisioningReport.Status;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A provisioning lane reports a tenant PROVISIONED without waiting for the broker (issue 19): what the producer could
 * not deliver must still reach tenant-service, and be counted once, when it did.
 */
class ProvisioningReporterTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void aReportTheBrokerWasDownForIsSentAgainUntilItIsOnTheTopicAndCountedOnce() throws Exception {
        EmbeddedServers servers = EmbeddedServers.get();
        TenantEventsPublisher.createTopics(servers.kafkaBootstrapServers());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // Timeouts of 1 s and 2 s: the producer gives the report up while the broker is down, so the reporter's own
        // resend has to deliver it (the service's 10 s and 30 s would let the producer's retries outlast the outage).
        ProvisioningReporter reporter = new ProvisioningReporter(new ServiceIdentity("invoicing", "rep_"), JSON, new TenantMetrics(meters),
                servers.kafkaBootstrapServers(), Duration.ofSeconds(1), Duration.ofSeconds(2));
        String tenant = "reporter-" + UUID.randomUUID().toString().substring(0, 8);
        // Awaited, with the broker up: the producer knows the topic, as a running service's does.
        reporter.report(tenant, Status.PROVISIONED, "1", "first", 1, "main");
        assertEquals(1.0, provisioned(meters, tenant));
        try (TopicReader reader = new TopicReader(Topics.PROVISIONING)) {
            servers.stopKafka();
            try {
                reporter.reportWithoutWaiting(tenant, Status.PROVISIONED, "2", "second", 2, "main");
                await().atMost(Duration.ofSeconds(30)).until(() -> reporter.unacknowledged() == 1);
                assertEquals(1.0, provisioned(meters, tenant), "not counted before the broker has it");
            } finally {
                servers.startKafka();
            }

            assertEquals(1, reader.await(r -> tenant.equals(r.key()) && r.value().contains("\"second\""), 1, Duration.ofSeconds(90)).size());
            await().atMost(Duration.ofSeconds(60)).until(() -> reporter.unacknowledged() == 0);
            assertEquals(2.0, provisioned(meters, tenant), "each report counted once");
        } finally {
            reporter.close();
        }
    }

    private static double provisioned(SimpleMeterRegistry meters, String tenant) {
        var counter = meters.find(ProvisioningReporter.OUTCOMES).tag("tenant", tenant).tag("outcome", "PROVISIONED").counter();
        return counter == null ? 0 : counter.count();
    }
}
