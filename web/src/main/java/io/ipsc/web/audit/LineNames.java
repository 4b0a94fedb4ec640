package io.ipsc.web.audit;

import io.ipsc.client.model.AuditEntry;
import io.ipsc.client.model.FieldChange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Names the line each entry of a document's history is about, "Line 2 · Steel rod", as the line was at that change.
 * The trail's insert and delete rows carry every column of a line, an update only the columns it changed; so a line
 * is named by folding its own rows, oldest first. When the history shown holds only a line's updates (its insert is
 * older than the page), the line's own trail is asked for, once per such line.
 */
final class LineNames {

    private static final Comparator<AuditEntry> OLDEST_FIRST = Comparator.comparing(AuditEntry::getAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(AuditEntry::getId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private LineNames() {
    }

    /**
     * The name of each line entry among {@code shown}, by the entry's id.
     *
     * @param trailOf a line's own trail, given one of its entries: asked only for a line of which only updates are shown
     */
    static Map<Long, String> of(List<AuditEntry> shown, Function<AuditEntry, List<AuditEntry>> trailOf) {
        Map<String, List<AuditEntry>> byLine = new LinkedHashMap<>();
        for (AuditEntry e : shown) {
            if (isLine(e) && e.getRecordId() != null) {
                byLine.computeIfAbsent(e.getEntity() + "/" + e.getRecordId(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<Long, String> names = new HashMap<>();
        for (List<AuditEntry> rows : byLine.values()) {
            // An insert or a delete holds every column: with one shown, the line's own trail is not needed.
            boolean whole = rows.stream().anyMatch(e -> "insert".equals(e.getAction()) || "delete".equals(e.getAction()));
            Map<Long, AuditEntry> byId = new LinkedHashMap<>();
            (whole ? List.<AuditEntry>of() : trailOf.apply(rows.get(0))).forEach(e -> byId.put(e.getId(), e));
            rows.forEach(e -> byId.putIfAbsent(e.getId(), e));
            List<AuditEntry> trail = new ArrayList<>(byId.values());
            trail.sort(OLDEST_FIRST);
            Map<String, Object> line = new HashMap<>();
            Map<Long, Map<String, Object>> then = new HashMap<>();
            for (AuditEntry e : trail) {
                for (FieldChange c : e.getChanges() == null ? List.<FieldChange>of() : e.getChanges()) {
                    // A delete's values are the line as it was; an insert's and an update's, as it became.
                    Object value = "delete".equals(e.getAction()) ? c.getOldValue() : c.getNewValue();
                    if (value != null) {
                        line.put(c.getField(), value);
                    }
                }
                then.put(e.getId(), new HashMap<>(line));
            }
            // An update older than every row that holds the whole line (its insert off the page, its delete shown):
            // what it does not know is taken from the line as last seen.
            then.forEach((id, known) -> {
                Map<String, Object> named = new HashMap<>(line);
                named.putAll(known);
                names.put(id, name(named.get("position"), named.get("description")));
            });
        }
        return names;
    }

    /** Whether the entry is a document's line (invoice_lines, purchase_lines), not the document itself. */
    static boolean isLine(AuditEntry e) {
        return e.getEntity() != null && e.getEntity().endsWith("_lines");
    }

    private static String name(Object position, Object description) {
        String number = position == null ? null : new java.math.BigDecimal(position.toString()).stripTrailingZeros().toPlainString();
        String text = description == null || description.toString().isBlank() ? null : description.toString();
        if (number == null) {
            return text == null ? "A line" : text;
        }
        return "Line " + number + (text == null ? "" : " · " + text);
    }
}
