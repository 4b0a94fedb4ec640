package io.ipsc.invoicing.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a credit or debit note dated in the month, with what Table 9B sorts it by: the note ({@code C} or
 * {@code D}, number, date, value — its rounded total), the original invoice (number, date, value, whether inter-state:
 * an unregistered buyer's note is in CDNUR only where the invoice was B2C-large), the customer's GSTIN, the place of
 * supply, the line's HSN/SAC, unit, rate, quantity (null for a note by value) and amounts, all positive, and the
 * invoice's supply terms (an export's note is in CDNUR as EXPWP/EXPWOP, a SEZ supply's in CDNR as SEWP/SEWOP). The
 * credit note that cancelled a whole invoice filed in an earlier month is one of them, with the invoice's own lines.
 */
public record NoteLine(long noteId, String noteType, String number, LocalDate noteDate, BigDecimal noteValue, String invoiceNumber,
                       LocalDate invoiceDate, BigDecimal invoiceValue, String customerGstin, String customerName, String placeOfSupply,
                       boolean interState, String description, String hsnSac, String unit, BigDecimal gstRate, BigDecimal quantity,
                       BigDecimal taxable, BigDecimal cgst, BigDecimal sgst, BigDecimal igst, SupplyLine.Terms terms) {

    public static final String CREDIT = "C";
    public static final String DEBIT = "D";

    /** A line of a note on a regular supply (B2B or B2C by the buyer's GSTIN, no reverse charge). */
    public NoteLine(long noteId, String noteType, String number, LocalDate noteDate, BigDecimal noteValue, String invoiceNumber,
                    LocalDate invoiceDate, BigDecimal invoiceValue, String customerGstin, String customerName, String placeOfSupply,
                    boolean interState, String description, String hsnSac, String unit, BigDecimal gstRate, BigDecimal quantity,
                    BigDecimal taxable, BigDecimal cgst, BigDecimal sgst, BigDecimal igst) {
        this(noteId, noteType, number, noteDate, noteValue, invoiceNumber, invoiceDate, invoiceValue, customerGstin, customerName, placeOfSupply,
                interState, description, hsnSac, unit, gstRate, quantity, taxable, cgst, sgst, igst, SupplyLine.Terms.regular(customerGstin));
    }

    /** +1 for a debit note, -1 for a credit note: what the note does to the month's B2CS and HSN figures. */
    BigDecimal sign() {
        return CREDIT.equals(noteType) ? BigDecimal.ONE.negate() : BigDecimal.ONE;
    }
}
