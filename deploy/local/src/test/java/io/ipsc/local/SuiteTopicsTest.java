package io.ipsc.local;

import io.ipsc.tenancy.event.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The launcher creates the suite's topics as the design fixes them, and the local broker creates no other. */
class SuiteTopicsTest {

    @Test
    void theSuitesTopicsAreCreatedOnceAndAMisspeltOneIsRefused(@TempDir Path data) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(data.resolve("kafka"), Ports.freePort(), Ports.freePort(), Durability.FAST);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertEquals(Topics.SETTINGS.keySet(), SuiteTopics.create(kafka.bootstrapServers()));
            assertEquals(Set.of(), SuiteTopics.create(kafka.bootstrapServers()), "an existing topic is left as it is");

            TopicDescription tenants = admin.describeTopics(List.of("ipsc.tenants")).allTopicNames().get(60, TimeUnit.SECONDS)
                    .get("ipsc.tenants");
            assertEquals(SuiteTopics.PARTITIONS, tenants.partitions().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "ipsc.tenants");
            Config config = admin.describeConfigs(List.of(resource)).all().get(60, TimeUnit.SECONDS).get(resource);
            assertEquals("compact", config.get("cleanup.policy").value());

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000"), new StringSerializer(), new StringSerializer())) {
                assertThrows(ExecutionException.class, () -> producer.send(new ProducerRecord<>("ipsc.tenant", "k", "v")).get(30, TimeUnit.SECONDS),
                        "a misspelt topic must not be created by its first record");
            }
            assertFalse(admin.listTopics().names().get(60, TimeUnit.SECONDS).contains("ipsc.tenant"));
        }
    }
}
