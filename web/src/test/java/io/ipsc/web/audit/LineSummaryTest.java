package io.ipsc.web.audit;

import io.ipsc.client.model.AuditEntry;
import io.ipsc.client.model.FieldChange;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A line added or removed in a document's history: its summary as the line was, its other fields apart. */
class LineSummaryTest {

    @Test
    void aPurchaseLineRemovedIsSummedUpWithItsTaxableAmountAndTaxAsItsTotal() {
        AuditEntry removed = new AuditEntry().id(5L).at(OffsetDateTime.parse("2026-06-19T05:00:00Z")).entity("purchase_lines").recordId("9")
                .action("delete").email("admin@ipsc.local").changes(Arrays.asList(change("id", 9, null), change("purchase_id", 4, null),
                        change("position", 1, null), change("description", "Hex bolt M8", null), change("quantity", 250.000, null),
                        change("unit_price", 4.50, null), change("gst_rate", 18.00, null), change("taxable_amount", 1125.00, null),
                        change("tax_amount", 202.50, null), change("hsn_sac", "7318", null)));

        HistoryResource.Row row = HistoryResource.row(removed, "Line 1 · Hex bolt M8");

        assertEquals("Line removed", row.action());
        // The description is in the line's name; the total is taxable amount plus tax, as the line had no total column.
        assertEquals(List.of(new HistoryResource.Fact("quantity", "250"), new HistoryResource.Fact("rate", "₹4.50"),
                new HistoryResource.Fact("total", "₹1,327.50")), row.facts());
        assertEquals(List.of("gst rate: 18", "hsn sac: 7318", "tax amount: ₹202.50", "taxable amount: ₹1,125.00"),
                row.others().stream().map(f -> f.label() + ": " + f.value()).toList());
        assertEquals(List.of(), row.changes());
    }

    @Test
    void aLineChangedKeepsItsFieldByFieldChanges() {
        AuditEntry changed = new AuditEntry().id(6L).at(OffsetDateTime.parse("2026-06-19T05:00:00Z")).entity("invoice_lines").recordId("77")
                .action("update").changes(List.of(change("quantity", 2, 3)));

        HistoryResource.Row row = HistoryResource.row(changed, "Line 2 · Steel rod");

        assertEquals(List.of(new HistoryResource.Change("quantity", "2", "3")), row.changes());
        assertEquals(List.of(), row.facts());
        assertEquals(List.of(), row.others());
    }

    @Test
    void moneyChangesReadAsRupeesAndOtherNumbersAsTheyAre() {
        AuditEntry changed = new AuditEntry().id(7L).at(OffsetDateTime.parse("2026-06-19T05:00:00Z")).entity("invoices").recordId("12")
                .action("update").changes(List.of(change("total", 695.0, 1445.0), change("amount_paid", null, 100000),
                        change("status", "draft", "issued"), change("gst_rate", 12.0, 18.0)));

        HistoryResource.Row row = HistoryResource.row(changed, null);

        assertEquals(List.of(new HistoryResource.Change("total", "₹695.00", "₹1,445.00"), new HistoryResource.Change("amount paid", "—", "₹1,00,000.00"),
                new HistoryResource.Change("status", "draft", "issued"), new HistoryResource.Change("gst rate", "12", "18")), row.changes());
    }

    private static FieldChange change(String field, Object before, Object after) {
        return new FieldChange().field(field).oldValue(before).newValue(after);
    }
}
