package io.ipsc.tenancy.audit;

import io.ipsc.tenancy.api.Csv;
import io.vertx.core.json.Json;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The trail as an auditor's CSV: one line per changed field (an insert's or delete's fields all appear),
 * written by the suite's one CSV writer ({@link Csv}: quoting, and the guard that keeps a value a user typed
 * from running as a formula when the file is opened).
 */
public final class AuditCsv {

    static final String HEADER = "audit_id,at_utc,entity,record_id,action,field,old_value,new_value,actor,user_id,email,request_id,"
            + "kafka_topic,kafka_partition,kafka_offset";

    private AuditCsv() {
    }

    /** The export's answer: the CSV as an attachment named {@code audit-<whose>-<from>-<to>.csv}. */
    public static Response attachment(List<AuditEntry> entries, String whose, String from, String to) {
        return Response.ok(of(entries), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit-" + whose + "-" + from + "-" + to + ".csv\"")
                .build();
    }

    static String of(List<AuditEntry> entries) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (AuditEntry e : entries) {
            for (AuditEntry.FieldChange change : e.changes()) {
                csv.append(Csv.line(e.id(), e.at().toInstant(), e.entity(), e.recordId(), e.action(), change.field(), json(change.oldValue()),
                        json(change.newValue()), e.actor(), e.userId(), e.email(), e.requestId(),
                        e.source() == null ? null : e.source().topic(), e.source() == null ? null : e.source().partition(),
                        e.source() == null ? null : e.source().offset())).append("\r\n");
            }
        }
        return csv.toString();
    }

    private static String json(Object value) {
        return value == null ? null : value instanceof String text ? text : Json.encode(value);
    }
}
