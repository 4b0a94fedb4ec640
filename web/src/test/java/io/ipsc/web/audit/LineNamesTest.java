package io.ipsc.web.audit;

import io.ipsc.client.model.AuditEntry;
import io.ipsc.client.model.FieldChange;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Naming a document's lines in its history from the trail's rows alone; the line's own trail asked for only when needed. */
class LineNamesTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-06-19T05:00:00Z");

    @Test
    void aLineIsNamedAsItWasAtEachChange() {
        // Added as line 1 "Steel rod", renamed "Steel rod 8 mm", its quantity changed, then removed: newest first, as the trail answers.
        List<AuditEntry> shown = List.of(
                entry(4, 3, "delete", change("position", 1, null), change("description", "Steel rod 8 mm", null), change("quantity", 2, null)),
                entry(3, 2, "update", change("quantity", 1.5, 2)),
                entry(2, 1, "update", change("description", "Steel rod", "Steel rod 8 mm")),
                entry(1, 0, "insert", change("position", null, 1), change("description", null, "Steel rod"), change("quantity", null, 1.5)));
        List<String> asked = new ArrayList<>();

        Map<Long, String> names = LineNames.of(shown, e -> {
            asked.add(e.getRecordId());
            return List.of();
        });

        assertEquals("Line 1 · Steel rod", names.get(1L));
        assertEquals("Line 1 · Steel rod 8 mm", names.get(2L));
        assertEquals("Line 1 · Steel rod 8 mm", names.get(3L));
        assertEquals("Line 1 · Steel rod 8 mm", names.get(4L));
        assertEquals(List.of(), asked, "the shown rows hold the whole line");
    }

    @Test
    void aLineShownOnlyByItsUpdatesIsNamedFromItsOwnTrailAskedOnce() {
        List<AuditEntry> shown = List.of(entry(9, 5, "update", change("quantity", 2, 3)), entry(8, 4, "update", change("unit_price", 10, 12)));
        List<AuditEntry> own = List.of(shown.get(0), shown.get(1),
                entry(7, 0, "insert", change("position", null, 2), change("description", null, "Mouse"), change("quantity", null, 2)));
        List<String> asked = new ArrayList<>();

        Map<Long, String> names = LineNames.of(shown, e -> {
            asked.add(e.getEntity() + "/" + e.getRecordId());
            return own;
        });

        assertEquals("Line 2 · Mouse", names.get(9L));
        assertEquals("Line 2 · Mouse", names.get(8L));
        assertEquals(List.of("invoice_lines/77"), asked);
    }

    @Test
    void anUpdateBeforeAShownDeleteTakesTheDeletesNameAndTheRecordsOwnRowsNone() {
        AuditEntry head = new AuditEntry().id(20L).at(T).entity("invoices").recordId("42").action("update")
                .changes(List.of(change("status", "draft", "issued")));
        List<AuditEntry> shown = List.of(head,
                entry(12, 2, "delete", change("position", 3, null), change("description", "Bag", null)),
                entry(11, 1, "update", change("quantity", 1, 4)));

        Map<Long, String> names = LineNames.of(shown, e -> {
            throw new AssertionError("the delete holds the whole line");
        });

        assertEquals("Line 3 · Bag", names.get(11L));
        assertEquals(null, names.get(20L));
    }

    private static AuditEntry entry(long id, int minutes, String action, FieldChange... changes) {
        return new AuditEntry().id(id).at(T.plusMinutes(minutes)).entity("invoice_lines").recordId("77").action(action)
                .changes(Arrays.asList(changes));
    }

    private static FieldChange change(String field, Object before, Object after) {
        return new FieldChange().field(field).oldValue(before).newValue(after);
    }
}
