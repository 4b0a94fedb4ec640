package io.ipsc.tenancy.audit;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One row of the audit trail as the API answers it: what a record's history page shows (who, what
 * changed from what to what, when).
 *
 * @param entity   the table
 * @param recordId the record's id (as text: ids are numbers in most tables, not all)
 * @param action   insert, update or delete
 * @param changes  for an update only the fields that changed; for an insert every field (old null),
 *                 for a delete every field (new null)
 * @param actor    user or system
 * @param source   for system work, the Kafka record that caused it (null otherwise)
 */
public record AuditEntry(long id, OffsetDateTime at, String entity, String recordId, String action, List<FieldChange> changes,
                         String actor, Long userId, String email, String requestId, KafkaRecord source) {

    /** One field's value before and after (JSON values as PostgreSQL's to_jsonb gave them). */
    public record FieldChange(String field, Object oldValue, Object newValue) {
    }

    public record KafkaRecord(String topic, Integer partition, Long offset) {
    }
}
