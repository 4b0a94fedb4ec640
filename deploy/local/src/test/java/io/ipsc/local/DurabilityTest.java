package io.ipsc.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local run keeps what it acknowledged: the servers it starts are asked, as they run, what they do
 * with a commit. A change that loses durability (a default, a flag order in the embedded library) fails here.
 */
class DurabilityTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void aPlainLocalRunIsDurableAndOnlyAnExplicitChoiceIsNot() {
        assertEquals(Durability.DURABLE, LaunchConfig.from(Map.of(), REPO).durability());
        assertEquals(Durability.FAST, LaunchConfig.from(Map.of(Durability.VARIABLE, "fast"), REPO).durability());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Durability.parse(Optional.of("sometimes")));
        assertEquals("IPSC_DURABILITY must be 'durable' or 'fast', not 'sometimes'", wrong.getMessage());
    }

    @Test
    void theDurablePostgresFlushesEveryCommitDespiteTheLibrarysTestDefaults(@TempDir Path data) throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(data.resolve("pg"), 0, Durability.DURABLE)) {
            Map<String, String> shown = PostgresDatabases.settings(postgres.address(), List.of("fsync", "synchronous_commit", "full_page_writes"));
            assertEquals(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"), shown);
        }
    }

    @Test
    void theTestsFastPostgresReallyIsTheOtherSetting(@TempDir Path data) throws Exception {
        // Proves the check above can fail: the same server started the tests' way reports off.
        try (LocalPostgres postgres = LocalPostgres.start(data.resolve("pg"), 0, Durability.FAST)) {
            assertEquals("off", PostgresDatabases.settings(postgres.address(), List.of("fsync")).get("fsync"));
        }
    }

    @Test
    void theDurableBrokerFlushesEachMessageBeforeItAcknowledges(@TempDir Path data) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(data.resolve("kafka"), Ports.freePort(), Ports.freePort(), Durability.DURABLE);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(broker)).all().get(60, TimeUnit.SECONDS).get(broker);
            assertEquals("1", config.get("log.flush.interval.messages").value());
            assertTrue(Durability.FAST.kafkaSettings().isEmpty(), "the tests' broker keeps Kafka's default (no forced flush)");
        }
    }
}
