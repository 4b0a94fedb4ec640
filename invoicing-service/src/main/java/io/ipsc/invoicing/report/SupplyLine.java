package io.ipsc.invoicing.report;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.ipsc.invoicing.gst.SupplyType;

/**
 * One line of an issued invoice with what GSTR-1 sorts it by: the invoice (number, date, value — the rounded total),
 * the customer's GSTIN (none: unregistered), the place of supply (a state code; null when neither party's state is
 * known) and whether tax was IGST, and the line's HSN/SAC, unit, rate, quantity and amounts as stored; the invoice's
 * supply terms ({@link Terms}) decide its table (B2B, SEZ, deemed export, export) and what the row carries.
 */
public record SupplyLine(long invoiceId, String number, LocalDate invoiceDate, BigDecimal invoiceValue, String customerGstin,
                         String customerName, String placeOfSupply, boolean interState, String description, String hsnSac,
                         String unit, BigDecimal gstRate, BigDecimal quantity, BigDecimal taxable, BigDecimal cgst, BigDecimal sgst,
                         BigDecimal igst, Terms terms) {

    /** An invoice's supply type, reverse charge and, for an export, the port and shipping bill when known. */
    public record Terms(SupplyType supplyType, boolean reverseCharge, String portCode, String shippingBillNumber, LocalDate shippingBillDate) {

        /** A regular supply: B2B to a buyer with a GSTIN, else B2C, no reverse charge. */
        public static Terms regular(String customerGstin) {
            return new Terms(customerGstin == null ? SupplyType.B2C : SupplyType.B2B, false, null, null, null);
        }
    }

    /** A line of a regular supply (no SEZ, export or reverse charge). */
    public SupplyLine(long invoiceId, String number, LocalDate invoiceDate, BigDecimal invoiceValue, String customerGstin, String customerName,
                      String placeOfSupply, boolean interState, String description, String hsnSac, String unit, BigDecimal gstRate,
                      BigDecimal quantity, BigDecimal taxable, BigDecimal cgst, BigDecimal sgst, BigDecimal igst) {
        this(invoiceId, number, invoiceDate, invoiceValue, customerGstin, customerName, placeOfSupply, interState, description, hsnSac, unit,
                gstRate, quantity, taxable, cgst, sgst, igst, Terms.regular(customerGstin));
    }
}
