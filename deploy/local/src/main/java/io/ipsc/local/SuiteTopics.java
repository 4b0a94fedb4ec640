package io.ipsc.local;

import io.ipsc.tenancy.event.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The suite's topics, created on the embedded broker before any service starts. The broker does not
 * create topics on first use ({@code auto.create.topics.enable=false} in {@link LocalKafka}), so a
 * misspelt name fails instead of quietly creating a topic that nobody reads; and because every topic
 * exists from the start, the domain services can start side by side with tenant-service instead of
 * after it (a consumer subscribed to a missing topic would notice it only at its next metadata
 * refresh, minutes later).
 *
 * <p>The topics and their settings are the shared library's ({@link Topics#SETTINGS}), which
 * tenant-service's outbox relay creates the same way on a broker of its own (with the partitions of
 * {@code ipsc.kafka.partitions}); an existing topic is left as it is by both.
 */
public final class SuiteTopics {

    /** tenant-service's default ({@code ipsc.kafka.partitions}). */
    static final int PARTITIONS = 3;

    private SuiteTopics() {
    }

    /** Creates whichever of the suite's topics the broker lacks; returns the names created. */
    public static Set<String> create(String bootstrapServers) throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            return Topics.createMissing(admin, PARTITIONS, (short) 1);
        }
    }
}
