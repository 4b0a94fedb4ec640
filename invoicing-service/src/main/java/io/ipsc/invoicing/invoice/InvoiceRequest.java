package io.ipsc.invoicing.invoice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A draft invoice: a customer and lines; a line names a product (its defaults fill the gaps: description,
 * HSN/SAC, unit, price, rate) or is free text (unit {@code nos} unless given). The supply's terms, all optional:
 * {@code reverse_charge} (a B2B supply whose tax the recipient pays), {@code with_payment_of_tax} (an SEZ supply or
 * export paying IGST; without it one goes under the tenant's LUT/bond with nil tax), and an export's currency, port
 * code, shipping bill and destination country (ISO 3166 alpha-2, the e-invoice's {@code ExpDtls.CntCode}) when known.
 */
public record InvoiceRequest(Long customerId, LocalDate invoiceDate, LocalDate dueDate, String notes, List<Line> lines,
                             Boolean reverseCharge, Boolean withPaymentOfTax, String exportCurrency, String portCode,
                             String shippingBillNumber, LocalDate shippingBillDate, String exportCountry) {

    /** A draft of these lines with the regular terms: another module's billing, a test. */
    public InvoiceRequest(Long customerId, LocalDate invoiceDate, LocalDate dueDate, String notes, List<Line> lines) {
        this(customerId, invoiceDate, dueDate, notes, lines, null, null, null, null, null, null, null);
    }

    /** Named for the API document, which would otherwise call it Line or Line1. */
    @Schema(name = "InvoiceLineRequest")
    public record Line(Long productId, String description, String hsnSac, String unit, BigDecimal quantity, BigDecimal unitPrice,
                       BigDecimal discountPercent, BigDecimal gstRate) {
    }
}
