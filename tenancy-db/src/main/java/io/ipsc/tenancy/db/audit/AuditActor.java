package io.ipsc.tenancy.db.audit;

import io.ipsc.tenancy.security.Caller;
import io.vertx.core.json.JsonObject;

/**
 * Who a change to a tenant's database is made for, as the audit trigger records it: a user (from the
 * verified token, with the request's id) or the system (with the Kafka record that caused the work,
 * when there is one). The database reads it from the connection's {@code ipsc.actor} setting.
 */
public record AuditActor(Long userId, String email, String requestId, String topic, Integer partition, Long offset) {

    /** Work no user and no Kafka record caused (start-up, timers, sweeps). */
    public static final AuditActor SYSTEM = new AuditActor(null, null, null, null, null, null);

    public static AuditActor user(Caller caller, String requestId) {
        return new AuditActor(caller.userId(), caller.email(), requestId, null, null, null);
    }

    /** Work a Kafka record caused: the trail names the record, so the cause can be looked up. */
    public static AuditActor kafka(String topic, int partition, long offset) {
        return new AuditActor(null, null, null, topic, partition, offset);
    }

    /** The value of {@code ipsc.actor}: the JSON the trigger reads (absent keys for absent facts). */
    public String setting() {
        JsonObject json = new JsonObject();
        if (userId != null) {
            json.put("user_id", userId).put("email", email);
        }
        if (requestId != null) {
            json.put("request_id", requestId);
        }
        if (topic != null) {
            json.put("topic", topic).put("partition", partition).put("offset", offset);
        }
        return json.encode();
    }
}
