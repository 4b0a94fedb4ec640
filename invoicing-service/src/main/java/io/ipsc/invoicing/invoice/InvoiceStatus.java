package io.ipsc.invoicing.invoice;

import io.ipsc.tenancy.error.ApiException;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An invoice's life, with every allowed step in one place: a draft is edited, deleted or issued;
 * an issued invoice is paid (in part, then in full) or, while unpaid, cancelled with a credit note.
 * Paid and cancelled invoices move no further. A refused step is the 409 the API has always answered.
 */
public enum InvoiceStatus {

    DRAFT("draft"),
    ISSUED("issued"),
    PARTIALLY_PAID("partially_paid"),
    PAID("paid"),
    CANCELLED("cancelled");

    /** The statuses, as the API and the database spell them. */
    public static final Set<String> CODES = Arrays.stream(values()).map(InvoiceStatus::code).collect(Collectors.toUnmodifiableSet());

    private final String code;

    InvoiceStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static InvoiceStatus of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown invoice status '" + code + "'"));
    }

    /** What can be done to an invoice, each from the statuses it is allowed in, to the status it leaves. */
    public enum Step {
        /** Replacing a draft's body, or deleting it: the draft stays (or goes) a draft. */
        EDIT(EnumSet.of(DRAFT), null),
        ISSUE(EnumSet.of(DRAFT), ISSUED),
        CANCEL(EnumSet.of(ISSUED), CANCELLED),
        PAY_IN_PART(EnumSet.of(ISSUED, PARTIALLY_PAID), PARTIALLY_PAID),
        PAY_IN_FULL(EnumSet.of(ISSUED, PARTIALLY_PAID), PAID),
        /** A credit or debit note: against an issued invoice, paid or not; where it leaves the invoice is {@link #afterNote}'s. */
        NOTE(EnumSet.of(ISSUED, PARTIALLY_PAID, PAID), null);

        private final Set<InvoiceStatus> from;
        private final InvoiceStatus to;

        Step(Set<InvoiceStatus> from, InvoiceStatus to) {
            this.from = from;
            this.to = to;
        }
    }

    public boolean allows(Step step) {
        return step.from.contains(this);
    }

    /**
     * The status invoice {@code id} has after {@code step}: itself for {@link Step#EDIT}, else the step's target.
     *
     * @throws ApiException 409 {@code INVOICE_NOT_DRAFT}, {@code INVOICE_NOT_CANCELLABLE} or {@code INVOICE_NOT_PAYABLE} when not allowed
     */
    public InvoiceStatus next(Step step, long id) {
        if (allows(step)) {
            return step.to == null ? this : step.to;
        }
        throw switch (step) {
            case EDIT, ISSUE -> ApiException.conflict("INVOICE_NOT_DRAFT", "Invoice " + id + " is " + code
                    + ": issued invoices are never changed or deleted; cancel one with a credit note");
            case CANCEL -> ApiException.conflict("INVOICE_NOT_CANCELLABLE", "Invoice " + id + " is " + code
                    + (this == DRAFT ? ": delete a draft instead" : ": only issued, unpaid invoices can be cancelled"));
            case PAY_IN_PART, PAY_IN_FULL -> ApiException.conflict("INVOICE_NOT_PAYABLE", "Invoice " + id + " is " + code
                    + "; only issued invoices take payments");
            case NOTE -> ApiException.conflict("INVOICE_NOT_ISSUED", "Invoice " + id + " is " + code
                    + ": credit and debit notes are written against issued invoices only");
        };
    }

    /**
     * The status invoice {@code id} has after a credit or debit note leaves {@code balanceDue} to pay, {@code paid} having
     * been paid: nothing left to pay is settled ({@code paid}), so a debit note can open a paid invoice again.
     *
     * @throws ApiException 409 {@code INVOICE_NOT_ISSUED} for a draft or a cancelled invoice
     */
    public InvoiceStatus afterNote(long id, BigDecimal balanceDue, BigDecimal paid) {
        next(Step.NOTE, id);
        if (balanceDue.signum() <= 0) {
            return PAID;
        }
        return paid.signum() > 0 ? PARTIALLY_PAID : ISSUED;
    }
}
