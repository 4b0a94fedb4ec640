package io.ipsc.web.invoicing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which supply terms the invoice editor offers, by the chosen customer's GST category: reverse charge to registered, SEZ
 * and deemed-export buyers; with or without payment of IGST to SEZ units and overseas buyers (without, the invoice goes
 * under the tenant's LUT/bond); currency, port and shipping bill to overseas buyers. The API refuses any other at its
 * field, as it decides. {@code changed} says the page shows terms for another category than this (the preview then
 * replaces them; otherwise it leaves them alone, so a field being typed in is never swapped away).
 */
public record SupplyTerms(String category, boolean reverseCharge, boolean payment, boolean export, boolean changed) {

    private static final Set<String> REVERSE_CHARGE = Set.of("registered", "sez", "deemed_export");
    private static final Set<String> ZERO_RATED = Set.of("sez", "overseas");

    static SupplyTerms of(String category, String shownFor) {
        String c = category == null ? "" : category;
        return new SupplyTerms(c, REVERSE_CHARGE.contains(c), ZERO_RATED.contains(c), "overseas".equals(c), !c.equals(shownFor == null ? "" : shownFor));
    }

    /** The API's names of the fields offered (their errors are put back at them). */
    public List<String> fields() {
        List<String> fields = new ArrayList<>();
        if (reverseCharge) {
            fields.add("reverse_charge");
        }
        if (payment) {
            fields.add("with_payment_of_tax");
        }
        if (export) {
            fields.addAll(List.of("export_currency", "export_country", "port_code", "shipping_bill_number", "shipping_bill_date"));
        }
        return fields;
    }

    public boolean any() {
        return reverseCharge || payment || export;
    }
}
