package io.ipsc.tenant.audit;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Kafka record a platform write is made for, when no user's request makes it (a provisioning report
 * setting a tenant active): the audit trail names the record so the cause can be looked up, as the domain
 * services' consumers do. Held on the Vert.x context the work runs on, where {@link AuditActorInterceptor}
 * finds it inside the work's transaction.
 */
public final class AuditCause {

    private static final String KEY = "ipsc.audit.kafka-record";

    private AuditCause() {
    }

    /** Runs {@code work} (on a duplicated Vert.x context, as VertxContextSupport gives) for {@code record}. */
    public static <T> Uni<T> kafka(ConsumerRecord<?, ?> record, Supplier<Uni<T>> work) {
        ContextLocals.put(KEY, new JsonObject().put("topic", record.topic()).put("partition", record.partition())
                .put("offset", record.offset()).encode());
        return work.get();
    }

    /** The actor setting ({@code ipsc.actor}) of the current work's Kafka record, if it has one. */
    static Optional<String> current() {
        try {
            return ContextLocals.get(KEY);
        } catch (UnsupportedOperationException | IllegalStateException notOnAContext) {
            return Optional.empty();
        }
    }
}
