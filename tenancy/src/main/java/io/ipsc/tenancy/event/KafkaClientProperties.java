package io.ipsc.tenancy.event;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * What every Kafka client that the suite builds by hand starts from: each {@code kafka.*} property of
 * the service's configuration, whether written in application.properties ({@code kafka.security.protocol})
 * or set as an environment variable ({@code KAFKA_SECURITY_PROTOCOL}), under its Kafka name. That is
 * how the Quarkus Kafka extension reads them for its own clients and health check, so the broker's
 * TLS and SASL settings (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.*) reach
 * the relays, reporters and listeners too instead of only {@code bootstrap.servers}. These clients are
 * built outside CDI (static factories, plain classes), hence the lookup of the configuration here.
 */
public final class KafkaClientProperties {

    private static final String PREFIX = "kafka";
    /**
     * The settings a producer, consumer or admin client knows. Anything else under the prefix (an
     * environment's KAFKA_HEAP_OPTS or KAFKA_HOME, meant for a broker) is left out, not passed on to be
     * warned about.
     */
    private static final Set<String> CLIENT_SETTINGS = clientSettings();

    private KafkaClientProperties() {
    }

    /** The service's {@code kafka.*} settings, with {@code bootstrap.servers} as given. */
    public static Properties of(String bootstrapServers) {
        return of(ConfigProvider.getConfig(), bootstrapServers);
    }

    static Properties of(Config config, String bootstrapServers) {
        Properties props = new Properties();
        for (String name : config.getPropertyNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.length() <= PREFIX.length() + 1 || !lower.startsWith(PREFIX)
                    || (lower.charAt(PREFIX.length()) != '.' && lower.charAt(PREFIX.length()) != '_')) {
                continue;
            }
            // Kafka's names are lower case with dots; an environment variable spells the dots as underscores.
            String key = lower.substring(PREFIX.length() + 1).replace('_', '.');
            if (CLIENT_SETTINGS.contains(key)) {
                config.getOptionalValue(name, String.class).ifPresent(value -> props.put(key, value));
            }
        }
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    private static Set<String> clientSettings() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
