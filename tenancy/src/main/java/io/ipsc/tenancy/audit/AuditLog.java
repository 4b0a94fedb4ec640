package io.ipsc.tenancy.audit;

import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a database's audit trail ({@code ipsc_audit}, installed by tenancy-db's {@code AuditTrail} in every
 * tenant database and by tenant-service's migration in the platform one), newest first. The filters are
 * checked here so every service, and the platform's trail, answer the same 400s.
 */
public final class AuditLog {

    /** Dates in a filter are Indian days (the tenants' books are kept in IST). */
    static final ZoneId DAYS = ZoneId.of("Asia/Kolkata");
    /** An auditor's export covers at most this many days per request; ask month by month beyond it. */
    static final int MAX_EXPORT_DAYS = 400;

    private static final String COLUMNS = "id, at, table_name, record_id, action, changes, changes_format, actor, actor_user_id, "
            + "actor_email, request_id, kafka_topic, kafka_partition, kafka_offset";
    /** {@code changes_format} of a row whose changes are {field: {old, new}}: every v1 and v2 row, and v3's updates. */
    static final int FIELD_CHANGES = 2;
    /** {@code changes_format} of a v3 insert or delete: the row's image {field: value}, expanded here at read time. */
    static final int ROW_IMAGE = 3;
    /** The row names the parent ($2) in its column $8, whichever layout its changes have. */
    private static final String NAMES_PARENT = "(CASE WHEN %1$s.changes_format = " + ROW_IMAGE + " THEN %1$s.changes ->> $8 = $2"
            + " ELSE (%1$s.changes -> $8 ->> 'old' = $2 OR %1$s.changes -> $8 ->> 'new' = $2) END)";
    /**
     * A record's own rows, or (with a child table, $7, and its column naming the parent, $8) also the rows of every
     * child that ever belonged to it: a child's insert and delete carry all its columns, an update only the changed
     * ones, so a line is matched by its id once any of its rows names the parent (a child without an id column, as
     * memberships, only by the rows that name the parent themselves).
     */
    private static final String WHERE = " WHERE ((($1::text IS NULL OR table_name = $1) AND ($2::text IS NULL OR record_id = $2))"
            + " OR (table_name = $7 AND (" + NAMES_PARENT.formatted("ipsc_audit")
            + " OR record_id IN (SELECT c.record_id FROM ipsc_audit c WHERE c.table_name = $7 AND " + NAMES_PARENT.formatted("c") + "))))"
            + " AND ($3::bigint IS NULL OR actor_user_id = $3) AND ($4::text IS NULL OR lower(actor_email) = lower($4))"
            + " AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)";

    private AuditLog() {
    }

    /** The query parameters of {@code GET /api/audit}, as the request gave them. */
    public record Query(String entity, String id, String user, String from, String to, String with) {
    }

    /** What a request asks for, checked; {@code childTable} and {@code parentColumn} are both set or both null. */
    public record Filter(String table, String recordId, Long userId, String email, OffsetDateTime from, OffsetDateTime to,
                         String childTable, String parentColumn) {

        Filter withChild(String table, String column) {
            return new Filter(this.table, recordId, userId, email, from, to, table, column);
        }

        Tuple tuple() {
            return Tuple.tuple(java.util.Arrays.asList(table, recordId, userId, email, from, to, childTable, parentColumn));
        }
    }

    /**
     * A page of the trail as {@code query} asks, checked against the database's audited tables; with {@code with}
     * (a child table, {@code invoice_lines}, or its short name, {@code lines}) the record's children's rows are
     * interleaved with its own in time order. The child's column naming the parent is its foreign key to the
     * parent's table, read from the catalog, so any parent and child pair works without configuration.
     */
    public static Uni<Page<AuditEntry>> list(Pool pool, Query query, PageRequest page) {
        return auditedTables(pool)
                .flatMap(tables -> {
                    Filter filter = filter(query.entity(), query.id(), query.user(), query.from(), query.to(), tables);
                    if (query.with() == null || query.with().isBlank()) {
                        return Uni.createFrom().item(filter);
                    }
                    if (filter.recordId() == null) {
                        throw ApiException.badRequest("ENTITY_REQUIRED", "id", "with= shows a record's children: name the record (entity and id)");
                    }
                    String child = child(query.with(), filter.table(), tables);
                    return parentColumn(pool, child, filter.table()).map(column -> filter.withChild(child, column));
                })
                .flatMap(filter -> page(pool, filter, page));
    }

    /** Every row of an export's range, oldest first (as an auditor reads a ledger). */
    public static Uni<List<AuditEntry>> export(Pool pool, String from, String to) {
        Filter range = range(from, to);
        return all(pool, range);
    }

    private static String child(String with, String parent, Set<String> tables) {
        String table = AuditEntities.resolve(with, tables);
        if (table == null) {
            // "lines" of invoices: invoice_lines.
            String singular = parent.endsWith("s") ? parent.substring(0, parent.length() - 1) : parent;
            table = AuditEntities.resolve(singular + "_" + with.trim(), tables);
        }
        if (table == null) {
            throw ApiException.badRequest("UNKNOWN_ENTITY", "with", "No audited entity '" + with + "' here; valid: " + String.join(", ", tables));
        }
        return table;
    }

    /** The child's single-column foreign key to the parent's table; a 400 when the child does not belong to it. */
    private static Uni<String> parentColumn(Pool pool, String child, String parent) {
        return pool.preparedQuery("SELECT a.attname FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]"
                        + " WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND k.conrelid = to_regclass($1) AND k.confrelid = to_regclass($2)"
                        + " ORDER BY k.conname LIMIT 1")
                .execute(Tuple.of(child, parent))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.badRequest("NOT_A_CHILD", "with", child + " records do not belong to " + parent + " records");
                    }
                    return rows.iterator().next().getString(0);
                });
    }

    /** The tables of the database the trail covers (those carrying its trigger). */
    public static Uni<Set<String>> auditedTables(Pool pool) {
        return pool.query("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'ipsc_audit'")
                .execute().map(rows -> {
                    Set<String> tables = new TreeSet<>();
                    rows.forEach(r -> tables.add(r.getString(0)));
                    return tables;
                });
    }

    /**
     * Checks the query parameters: {@code entity} against {@code tables} (a 400 {@code UNKNOWN_ENTITY}
     * listing them), {@code user} as an id or an e-mail, {@code from}/{@code to} as dates (IST, both
     * inclusive) or date-times with an offset.
     */
    static Filter filter(String entity, String id, String user, String from, String to, Set<String> tables) {
        String table = null;
        if (entity != null && !entity.isBlank()) {
            table = AuditEntities.resolve(entity, tables);
            if (table == null) {
                throw ApiException.badRequest("UNKNOWN_ENTITY", "entity",
                        "No audited entity '" + entity + "' here; valid: " + String.join(", ", tables));
            }
        }
        if (id != null && !id.isBlank() && table == null) {
            throw ApiException.badRequest("ENTITY_REQUIRED", "entity", "Name the entity whose record id " + id + " is");
        }
        Long userId = null;
        String email = null;
        if (user != null && !user.isBlank()) {
            if (user.contains("@")) {
                email = user.trim();
            } else {
                try {
                    userId = Long.parseLong(user.trim());
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest("INVALID_FIELD", "user", "user is a user id or an e-mail address");
                }
            }
        }
        OffsetDateTime start = instant(from, "from", false);
        OffsetDateTime end = instant(to, "to", true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.badRequest("INVALID_RANGE", "to", "to must come after from");
        }
        return new Filter(table, id == null || id.isBlank() ? null : id.trim(), userId, email, start, end, null, null);
    }

    /** The range of an export: both ends required, at most {@link #MAX_EXPORT_DAYS} days. */
    static Filter range(String from, String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw ApiException.badRequest("INVALID_RANGE", from == null || from.isBlank() ? "from" : "to",
                    "An export needs both from and to (dates, e.g. from=2026-04-01&to=2027-03-31)");
        }
        Filter range = filter(null, null, null, from, to, Set.of());
        if (range.from().plusDays(MAX_EXPORT_DAYS).isBefore(range.to())) {
            throw ApiException.badRequest("INVALID_RANGE", "to", "An export covers at most " + MAX_EXPORT_DAYS + " days; ask for one year at a time");
        }
        return range;
    }

    static Uni<Page<AuditEntry>> page(Pool pool, Filter filter, PageRequest page) {
        Tuple tuple = filter.tuple();
        return pool.preparedQuery("SELECT count(*) FROM ipsc_audit" + WHERE).execute(tuple)
                .flatMap(count -> pool.preparedQuery("SELECT " + COLUMNS + " FROM ipsc_audit" + WHERE
                                + " ORDER BY at DESC, id DESC LIMIT " + page.size() + " OFFSET " + page.offset())
                        .execute(tuple)
                        .map(rows -> Page.of(entries(rows), page, count.iterator().next().getLong(0))));
    }

    private static Uni<List<AuditEntry>> all(Pool pool, Filter range) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ipsc_audit" + WHERE + " ORDER BY at, id")
                .execute(range.tuple()).map(AuditLog::entries);
    }

    private static OffsetDateTime instant(String text, String field, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(DAYS).toOffsetDateTime();
            }
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_FIELD", field, field + " is a date (2026-04-01) or a date-time with an offset");
        }
    }

    private static List<AuditEntry> entries(RowSet<Row> rows) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Row r : rows) {
            List<AuditEntry.FieldChange> fields = changes(r.getJsonObject("changes"), r.getString("action"), r.getInteger("changes_format"));
            String topic = r.getString("kafka_topic");
            entries.add(new AuditEntry(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("table_name"), r.getString("record_id"),
                    r.getString("action"), fields, r.getString("actor"), r.getLong("actor_user_id"), r.getString("actor_email"),
                    r.getString("request_id"), topic == null ? null
                    : new AuditEntry.KafkaRecord(topic, r.getInteger("kafka_partition"), r.getLong("kafka_offset"))));
        }
        return entries;
    }

    /**
     * A row's changes field by field, in name order, as {old, new} whatever layout the row was written in: a row image
     * (an insert's values are the new ones, a delete's the old) or the fields' changes. Public for the tests that read
     * {@code ipsc_audit} over JDBC.
     */
    public static List<AuditEntry.FieldChange> changes(JsonObject changes, String action, int format) {
        if (format != ROW_IMAGE && format != FIELD_CHANGES) {
            // A trail newer than this reader: fail rather than show a history wrongly.
            throw new IllegalStateException("Unknown audit changes_format " + format + " (this reader knows 2 and 3)");
        }
        List<AuditEntry.FieldChange> fields = new ArrayList<>();
        for (String field : new TreeSet<>(changes.fieldNames())) {
            if (format == ROW_IMAGE) {
                Object value = plain(changes.getValue(field));
                fields.add("delete".equals(action) ? new AuditEntry.FieldChange(field, value, null) : new AuditEntry.FieldChange(field, null, value));
            } else {
                JsonObject change = changes.getJsonObject(field);
                fields.add(new AuditEntry.FieldChange(field, plain(change.getValue("old")), plain(change.getValue("new"))));
            }
        }
        return fields;
    }

    /** Vert.x JSON as plain maps and lists, which every JSON writer knows. */
    private static Object plain(Object value) {
        if (value instanceof JsonObject object) {
            return object.getMap();
        }
        if (value instanceof JsonArray array) {
            return array.getList();
        }
        return value;
    }
}
