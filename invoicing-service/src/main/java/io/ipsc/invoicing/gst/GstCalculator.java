package io.ipsc.invoicing.gst;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Indian GST on an invoice, in exact decimals: each line's taxable value and tax are rounded to the
 * paisa; intra-state supply (place of supply = supplier's state) carries CGST and SGST at half the
 * rate each, inter-state supply IGST at the full rate; the invoice total is rounded to the rupee
 * with a round-off line. Pure: no I/O, no state.
 */
public final class GstCalculator {

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final BigDecimal TWO = new BigDecimal("2");

    private GstCalculator() {
    }

    /** One line as entered: quantity × unit price less a percentage discount, at a GST rate (percent). */
    public record LineInput(BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent, BigDecimal gstRate) {
    }

    public record LineTax(BigDecimal taxable, BigDecimal cgst, BigDecimal sgst, BigDecimal igst, BigDecimal total) {
    }

    public record InvoiceTax(List<LineTax> lines, boolean interState, BigDecimal taxable, BigDecimal cgst, BigDecimal sgst,
                             BigDecimal igst, BigDecimal exactTotal, BigDecimal roundOff, BigDecimal total) {
    }

    /**
     * @param supplierStateCode the tenant's GST state code (from its GSTIN or address)
     * @param placeOfSupplyCode the customer's (from its GSTIN, else its billing address); null means
     *                          unknown, which for an unregistered buyer is a local (intra-state) sale
     */
    public static InvoiceTax compute(List<LineInput> inputs, String supplierStateCode, String placeOfSupplyCode) {
        return compute(inputs, supplierStateCode, placeOfSupplyCode, SupplyType.B2B);
    }

    /**
     * As {@link #compute(List, String, String)}, for a supply type: SEZ supplies and exports are IGST whatever the
     * states (Section 16 IGST Act; Section 7(5) makes them inter-state), and without payment of tax (under LUT/bond,
     * Rule 96A CGST Rules) every line carries nil tax.
     */
    public static InvoiceTax compute(List<LineInput> inputs, String supplierStateCode, String placeOfSupplyCode, SupplyType type) {
        boolean interState = type.alwaysIgst()
                || supplierStateCode != null && placeOfSupplyCode != null && !supplierStateCode.equals(placeOfSupplyCode);
        return compute(inputs, interState, type.withoutTax());
    }

    /**
     * The same with the split already decided: a credit or debit note is taxed as its invoice was (CGST Rule 53 ties
     * it to the invoice), by the invoice's stored inter-state flag rather than today's states of either party.
     */
    public static InvoiceTax compute(List<LineInput> inputs, boolean interState) {
        return compute(inputs, interState, false);
    }

    /** The computation itself: {@code withoutTax} is a zero-rated supply under LUT/bond, nil tax on every line. */
    public static InvoiceTax compute(List<LineInput> inputs, boolean interState, boolean withoutTax) {
        List<LineTax> lines = new ArrayList<>(inputs.size());
        BigDecimal taxable = BigDecimal.ZERO;
        BigDecimal cgst = BigDecimal.ZERO;
        BigDecimal sgst = BigDecimal.ZERO;
        BigDecimal igst = BigDecimal.ZERO;
        for (LineInput in : inputs) {
            LineTax line = withoutTax ? untaxed(in) : line(in, interState);
            lines.add(line);
            taxable = taxable.add(line.taxable());
            cgst = cgst.add(line.cgst());
            sgst = sgst.add(line.sgst());
            igst = igst.add(line.igst());
        }
        BigDecimal exact = taxable.add(cgst).add(sgst).add(igst);
        BigDecimal rounded = exact.setScale(0, RoundingMode.HALF_UP).setScale(2, RoundingMode.UNNECESSARY);
        return new InvoiceTax(lines, interState, taxable, cgst, sgst, igst, exact, rounded.subtract(exact), rounded);
    }

    /** A line's value before discount, to the paisa, as the tax invoice shows it (its discount is this less the taxable value). */
    public static BigDecimal value(BigDecimal quantity, BigDecimal unitPrice) {
        return paisa(quantity.multiply(unitPrice));
    }

    static LineTax line(LineInput in, boolean interState) {
        BigDecimal gross = in.quantity().multiply(in.unitPrice());
        BigDecimal discount = in.discountPercent() == null ? BigDecimal.ZERO : in.discountPercent();
        BigDecimal taxable = paisa(gross.multiply(HUNDRED.subtract(discount)).divide(HUNDRED));
        BigDecimal cgst = BigDecimal.ZERO.setScale(2);
        BigDecimal sgst = BigDecimal.ZERO.setScale(2);
        BigDecimal igst = BigDecimal.ZERO.setScale(2);
        if (interState) {
            igst = paisa(taxable.multiply(in.gstRate()).divide(HUNDRED));
        } else {
            BigDecimal half = in.gstRate().divide(TWO);
            cgst = paisa(taxable.multiply(half).divide(HUNDRED));
            sgst = cgst;
        }
        return new LineTax(taxable, cgst, sgst, igst, taxable.add(cgst).add(sgst).add(igst));
    }

    private static LineTax untaxed(LineInput in) {
        LineTax taxed = line(in, true);
        BigDecimal nil = BigDecimal.ZERO.setScale(2);
        return new LineTax(taxed.taxable(), nil, nil, nil, taxed.taxable());
    }

    private static BigDecimal paisa(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
