package io.ipsc.tenant.support;

import io.ipsc.tenancy.event.KafkaClientProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Reads one topic in a consumer group on its own thread and commits the offsets of a batch only
 * after {@link #handle} has applied it: a crash re-reads what was not applied, so handlers must be
 * idempotent. A broken connection or a failing batch is retried from the last commit after a pause.
 */
public abstract class CommittingTopicListener {

    private static final Logger LOG = Logger.getLogger(CommittingTopicListener.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long RETRY_PAUSE_MILLIS = 2000;

    private final String topic;
    private final String groupId;
    private final String clientId;
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;

    protected CommittingTopicListener(String topic, String groupId, String clientId, String bootstrapServers) {
        this.topic = topic;
        this.groupId = groupId;
        this.clientId = clientId;
        this.bootstrapServers = bootstrapServers;
    }

    /** Applies one polled batch; throwing makes the batch be read again. */
    protected abstract void handle(ConsumerRecords<String, String> records) throws Exception;

    /** Called after every poll, batch or not, on the listener's thread: room for periodic upkeep. */
    protected void afterPoll() {
    }

    protected void startListening() {
        running = true;
        Thread thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    protected void stopListening() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        Properties props = KafkaClientProperties.of(bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                c.subscribe(List.of(topic));
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(POLL);
                    if (!records.isEmpty()) {
                        handle(records);
                        c.commitSync();
                    }
                    afterPoll();
                }
            } catch (WakeupException e) {
                return;
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("Listener of %s interrupted (%s); reading again from the last commit", topic, e.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
