package io.ipsc.tenancy.db.audit;

import io.vertx.core.json.Json;

import java.util.List;

/**
 * The trail as an auditor's CSV: one line per changed field (an insert's or delete's fields all appear).
 * A cell a spreadsheet would take for a formula ({@code = + - @}, tab, carriage return) is prefixed
 * with an apostrophe, so opening the file cannot run anything a user typed into a record.
 */
final class AuditCsv {

    static final String HEADER = "audit_id,at_utc,entity,record_id,action,field,old_value,new_value,actor,user_id,email,request_id,"
            + "kafka_topic,kafka_partition,kafka_offset";

    private AuditCsv() {
    }

    static String of(List<AuditEntry> entries) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (AuditEntry e : entries) {
            for (AuditEntry.FieldChange change : e.changes()) {
                line(csv, e.id(), e.at().toInstant(), e.entity(), e.recordId(), e.action(), change.field(), json(change.oldValue()),
                        json(change.newValue()), e.actor(), e.userId(), e.email(), e.requestId(),
                        e.source() == null ? null : e.source().topic(), e.source() == null ? null : e.source().partition(),
                        e.source() == null ? null : e.source().offset());
            }
        }
        return csv.toString();
    }

    private static String json(Object value) {
        return value == null ? null : value instanceof String text ? text : Json.encode(value);
    }

    private static void line(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i] == null ? "" : cells[i].toString()));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
