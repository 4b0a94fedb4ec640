package io.ipsc.tenancy.event;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In production the broker wants TLS and SCRAM (deploy/kubernetes): the settings given as
 * {@code kafka.*} properties or KAFKA_* environment variables must reach the clients the suite
 * builds by hand, not only bootstrap.servers.
 */
class KafkaClientPropertiesTest {

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void everyKafkaPropertyReachesTheClientUnderItsKafkaName() {
        Properties props = KafkaClientProperties.of(config(Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_CERTIFICATES", "-----BEGIN CERTIFICATE-----",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.bootstrap.servers", "ignored:9092",
                "quarkus.kafka.health.enabled", "true",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "kafkaesque.setting", "x")), "broker:9093");

        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals("PEM", props.get("ssl.truststore.type"));
        assertEquals("-----BEGIN CERTIFICATE-----", props.get("ssl.truststore.certificates"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required;", props.get("sasl.jaas.config"));
        assertEquals("broker:9093", props.get("bootstrap.servers"), "the address the caller was given");
        assertFalse(props.containsKey("health.enabled"), "Quarkus' own settings are not Kafka's");
        assertFalse(props.containsKey("esque.setting"));
        assertFalse(props.containsKey("heap.opts"), "a broker's setting is no client's");
        assertEquals(6, props.size(), props::toString);
    }

    @Test
    void aProducerOfTheSuiteIsBuiltWithTheServicesSecuritySettings() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));

        SmallRyeConfig plain = config(Map.of());
        resolver.registerConfig(plain, loader);
        try (KafkaProducer<String, String> producer = ReliableProducer.create("127.0.0.1:1", "test", Duration.ofSeconds(1), Duration.ofSeconds(2))) {
            producer.close(Duration.ZERO);
        } finally {
            resolver.releaseConfig(plain);
        }

        // A protocol the client does not know makes it refuse to start: proof that the setting reached it.
        SmallRyeConfig refused = config(Map.of("kafka.security.protocol", "NO_SUCH_PROTOCOL"));
        resolver.registerConfig(refused, loader);
        try {
            KafkaException e = assertThrows(KafkaException.class,
                    () -> ReliableProducer.create("127.0.0.1:1", "test", Duration.ofSeconds(1), Duration.ofSeconds(2)));
            assertTrue(String.valueOf(e.getMessage()).contains("NO_SUCH_PROTOCOL")
                    || String.valueOf(e.getCause()).contains("NO_SUCH_PROTOCOL"), e::toString);
        } finally {
            resolver.releaseConfig(refused);
        }
    }
}
