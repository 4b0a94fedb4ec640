package io.ipsc.tenancy.event;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;

/**
 * The one way the suite's relays and reporters make a Kafka producer: acks=all and idempotence
 * (no lost or doubled record on retry), no lingering, and bounded waits so that a broker outage
 * fails a send in seconds (the caller keeps the work and retries) instead of hanging.
 */
public final class ReliableProducer {

    private ReliableProducer() {
    }

    /**
     * @param requestTimeout how long one send may wait for metadata or for the broker
     * @param deliveryTimeout how long a record may take in all, retries included
     */
    public static KafkaProducer<String, String> create(String bootstrapServers, String clientId, Duration requestTimeout,
                                                       Duration deliveryTimeout) {
        Properties props = KafkaClientProperties.of(bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(requestTimeout.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeout.toMillis()));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
