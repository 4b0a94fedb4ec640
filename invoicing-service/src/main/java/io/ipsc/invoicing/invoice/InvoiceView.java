package io.ipsc.invoicing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An invoice with its lines and tax, as the API shows it; what its credit and debit notes took off and added, and the
 * balance due after them and the payments; the total also in words, as the tax invoice writes it.
 * A line billed by another module carries its {@code source_key} (e.g. {@code dental:treatment:12}), so that module's
 * screens can show the line a piece of work created. {@code supply_type} is the e-invoice schema's (B2B, SEZWP, SEZWOP,
 * EXPWP, EXPWOP, DEXP) or B2C for an unregistered buyer; the export fields are null unless given. The place of supply
 * comes as its GST state code and as the state's name (as the preview gives it), so a reader need not know the codes.
 */
public record InvoiceView(long id, String number, String status, long customerId, LocalDate invoiceDate, LocalDate dueDate,
                          String placeOfSupply, String placeOfSupplyName, boolean interState, BigDecimal taxableAmount, BigDecimal cgst, BigDecimal sgst,
                          BigDecimal igst, BigDecimal roundOff, BigDecimal total, String amountInWords, BigDecimal amountPaid,
                          BigDecimal creditedAmount, BigDecimal debitedAmount, BigDecimal balanceDue, String irn, String notes,
                          OffsetDateTime issuedAt, List<LineView> lines, String supplyType, boolean reverseCharge, String exportCurrency,
                          String portCode, String shippingBillNumber, LocalDate shippingBillDate, String exportCountry) {

    public record LineView(int position, Long productId, String description, String hsnSac, String unit, BigDecimal quantity,
                           BigDecimal unitPrice, BigDecimal discountPercent, BigDecimal gstRate, BigDecimal taxableAmount, BigDecimal cgst,
                           BigDecimal sgst, BigDecimal igst, BigDecimal total, String sourceKey) {
    }
}
