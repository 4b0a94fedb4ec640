package io.ipsc.invoicing.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of an issued invoice with what GSTR-1 sorts it by: the invoice (number, date, value — the rounded total),
 * the customer's GSTIN (none: unregistered), the place of supply (a state code; null when neither party's state is
 * known) and whether tax was IGST, and the line's HSN/SAC, unit, rate, quantity and amounts as stored.
 */
public record SupplyLine(long invoiceId, String number, LocalDate invoiceDate, BigDecimal invoiceValue, String customerGstin,
                         String customerName, String placeOfSupply, boolean interState, String description, String hsnSac,
                         String unit, BigDecimal gstRate, BigDecimal quantity, BigDecimal taxable, BigDecimal cgst, BigDecimal sgst,
                         BigDecimal igst) {
}
