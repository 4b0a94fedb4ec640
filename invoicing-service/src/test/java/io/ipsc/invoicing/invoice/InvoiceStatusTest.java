package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.invoice.InvoiceStatus.Step;
import io.ipsc.tenancy.error.ApiException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.ipsc.invoicing.invoice.InvoiceStatus.CANCELLED;
import static io.ipsc.invoicing.invoice.InvoiceStatus.DRAFT;
import static io.ipsc.invoicing.invoice.InvoiceStatus.ISSUED;
import static io.ipsc.invoicing.invoice.InvoiceStatus.PAID;
import static io.ipsc.invoicing.invoice.InvoiceStatus.PARTIALLY_PAID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every step from every status: the allowed ones land where the life of an invoice says, the rest are the API's 409s. */
class InvoiceStatusTest {

    private static final long ID = 7;

    @Test
    void aDraftIsEditedOrIssued() {
        assertEquals(DRAFT, DRAFT.next(Step.EDIT, ID));
        assertEquals(ISSUED, DRAFT.next(Step.ISSUE, ID));
    }

    @Test
    void anIssuedInvoiceIsPaidInPartInFullOrCancelled() {
        assertEquals(PARTIALLY_PAID, ISSUED.next(Step.PAY_IN_PART, ID));
        assertEquals(PAID, ISSUED.next(Step.PAY_IN_FULL, ID));
        assertEquals(CANCELLED, ISSUED.next(Step.CANCEL, ID));
    }

    @Test
    void aPartlyPaidInvoiceTakesMorePayments() {
        assertEquals(PARTIALLY_PAID, PARTIALLY_PAID.next(Step.PAY_IN_PART, ID));
        assertEquals(PAID, PARTIALLY_PAID.next(Step.PAY_IN_FULL, ID));
    }

    @Test
    void everyOtherStepIsRefusedWithItsConflict() {
        Map<Step, Set<InvoiceStatus>> allowed = Map.of(
                Step.EDIT, EnumSet.of(DRAFT),
                Step.ISSUE, EnumSet.of(DRAFT),
                Step.CANCEL, EnumSet.of(ISSUED),
                Step.PAY_IN_PART, EnumSet.of(ISSUED, PARTIALLY_PAID),
                Step.PAY_IN_FULL, EnumSet.of(ISSUED, PARTIALLY_PAID),
                Step.NOTE, EnumSet.of(ISSUED, PARTIALLY_PAID, PAID));
        Map<Step, String> refusal = Map.of(Step.EDIT, "INVOICE_NOT_DRAFT", Step.ISSUE, "INVOICE_NOT_DRAFT", Step.CANCEL, "INVOICE_NOT_CANCELLABLE",
                Step.PAY_IN_PART, "INVOICE_NOT_PAYABLE", Step.PAY_IN_FULL, "INVOICE_NOT_PAYABLE", Step.NOTE, "INVOICE_NOT_ISSUED");
        int refused = 0;
        for (Step step : Step.values()) {
            for (InvoiceStatus status : InvoiceStatus.values()) {
                assertEquals(allowed.get(step).contains(status), status.allows(step), status + " " + step);
                if (!status.allows(step)) {
                    ApiException e = assertThrows(ApiException.class, () -> status.next(step, ID), status + " " + step);
                    assertEquals(409, e.status());
                    assertEquals(refusal.get(step), e.code(), status + " " + step);
                    refused++;
                }
            }
        }
        // 6 steps x 5 statuses, 10 of them allowed.
        assertEquals(20, refused);
    }

    @Test
    void theRefusalsSayWhatToDoInstead() {
        assertEquals("Invoice 7 is issued: issued invoices are never changed or deleted; cancel one with a credit note",
                assertThrows(ApiException.class, () -> ISSUED.next(Step.EDIT, ID)).getMessage());
        assertEquals("Invoice 7 is draft: delete a draft instead", assertThrows(ApiException.class, () -> DRAFT.next(Step.CANCEL, ID)).getMessage());
        assertEquals("Invoice 7 is partially_paid: only issued, unpaid invoices can be cancelled",
                assertThrows(ApiException.class, () -> PARTIALLY_PAID.next(Step.CANCEL, ID)).getMessage());
        assertEquals("Invoice 7 is cancelled; only issued invoices take payments",
                assertThrows(ApiException.class, () -> CANCELLED.next(Step.PAY_IN_PART, ID)).getMessage());
    }

    @Test
    void theDatabaseSpellingsReadBack() {
        for (InvoiceStatus status : InvoiceStatus.values()) {
            assertEquals(status, InvoiceStatus.of(status.code()));
        }
        assertEquals(Set.of("draft", "issued", "partially_paid", "paid", "cancelled"), InvoiceStatus.CODES);
        assertThrows(IllegalStateException.class, () -> InvoiceStatus.of("void"));
    }

    @Test
    void aNoteLeavesTheInvoiceByWhatIsLeftToPay() {
        // An invoice of 1,180 with 500 paid: a credit note of 590 leaves 1,180 - 590 - 500 = 90 to pay, partly paid.
        assertEquals(PARTIALLY_PAID, PARTIALLY_PAID.afterNote(ID, new BigDecimal("90.00"), new BigDecimal("500.00")));
        // A further credit note of 90 leaves 0: settled, paid.
        assertEquals(PAID, PARTIALLY_PAID.afterNote(ID, BigDecimal.ZERO, new BigDecimal("500.00")));
        // A debit note of 236 on that paid invoice: 236 to pay again, and 500 was paid, so partly paid.
        assertEquals(PARTIALLY_PAID, PAID.afterNote(ID, new BigDecimal("236.00"), new BigDecimal("500.00")));
        // Unpaid: 1,180 - 590 = 590 left, nothing paid, still issued; a credit note for the whole 1,180 settles it.
        assertEquals(ISSUED, ISSUED.afterNote(ID, new BigDecimal("590.00"), BigDecimal.ZERO));
        assertEquals(PAID, ISSUED.afterNote(ID, BigDecimal.ZERO, BigDecimal.ZERO));
        ApiException draft = assertThrows(ApiException.class, () -> DRAFT.afterNote(ID, BigDecimal.TEN, BigDecimal.ZERO));
        assertEquals("INVOICE_NOT_ISSUED", draft.code());
        assertEquals("Invoice 7 is draft: credit and debit notes are written against issued invoices only", draft.getMessage());
        assertEquals("INVOICE_NOT_ISSUED", assertThrows(ApiException.class, () -> CANCELLED.afterNote(ID, BigDecimal.TEN, BigDecimal.ZERO)).code());
    }
}
