package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.gst.GstCategory;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.ipsc.tenancy.india.Gstin;
import io.ipsc.tenancy.india.IndianState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A draft's tax from its lines, its customer's state and its supply type (SEZ and exports: IGST, nil
 * without payment of tax): the one place where stored line and invoice amounts are derived, whoever
 * added the lines. A user's draft (and a preview) is computed by {@link #of} before anything is
 * written, so each line and the head are written once, with their amounts (every write is a row of the
 * audit trail); a line another module appends to a stored draft is inserted with its {@link #lineTax}, and
 * {@link #recompute} then derives the draft's totals from the lines as stored. All go through {@link #tax},
 * so they agree to the paisa.
 */
public final class InvoiceTotals {

    /** An invoice row's customer category, as a column of {@code invoices} queries: it decides the supply type. */
    public static final String CUSTOMER_CATEGORY = "(SELECT p.gst_category FROM parties p WHERE p.id = invoices.customer_id) AS gst_category";

    /** Amounts are numeric(14,2): anything from here up cannot be stored. */
    private static final BigDecimal UNSTORABLE = new BigDecimal("1000000000000");

    private InvoiceTotals() {
    }

    /** The tenant's GST state code: from its GSTIN, else its address; null when unknown. */
    public static String supplierStateCode(TenantSnapshot s) {
        if (s.gstin() != null) {
            var check = Gstin.check(s.gstin());
            if (check.state().isPresent()) {
                return check.state().get().code();
            }
        }
        return s.state() == null ? null : IndianState.addressStateByName(s.state()).map(IndianState::code).orElse(null);
    }

    /** The place of supply: the customer's state, else (an unregistered buyer without one) the supplier's own. */
    public static String placeOfSupply(String customerState, String supplierState) {
        return customerState != null ? customerState : supplierState;
    }

    /** An invoice's tax, refused as a 400 when its total is beyond what an invoice can store. */
    public static GstCalculator.InvoiceTax tax(List<GstCalculator.LineInput> lines, String supplierState, String customerState, SupplyType type) {
        GstCalculator.InvoiceTax tax = GstCalculator.compute(lines, supplierState, customerState, type);
        if (tax.total().abs().compareTo(UNSTORABLE) >= 0) {
            throw ApiException.badRequest("INVALID_VALUE", "lines", "The invoice total " + tax.total().toPlainString()
                    + " is beyond what an invoice can hold (under 10,00,00,00,00,000)");
        }
        return tax;
    }

    /** What a draft's head stores besides its lines' amounts: its place of supply, and the invoice's tax. */
    record Computed(String placeOfSupply, GstCalculator.InvoiceTax tax) {

        GstCalculator.LineTax line(int index) {
            return tax.lines().get(index);
        }
    }

    /** A draft's amounts from its priced lines, before anything is written; a 400 when the total cannot be stored. */
    static Computed of(List<PricedLine> lines, String supplierState, String customerState, SupplyType type) {
        return new Computed(placeOfSupply(customerState, supplierState),
                tax(lines.stream().map(PricedLine::taxInput).toList(), supplierState, customerState, type));
    }

    /**
     * The tax of a line another module appends to stored draft {@code invoiceId}, as the draft's customer and terms
     * make it: so that the line is inserted with its amounts, and {@link #recompute} after changes only the totals.
     */
    public static Uni<GstCalculator.LineTax> lineTax(SqlClient conn, long invoiceId, String supplierState, GstCalculator.LineInput line) {
        return customerTerms(conn, invoiceId)
                .map(terms -> tax(List.of(line), supplierState, terms.stateCode(), terms.type()).lines().get(0));
    }

    /**
     * Derives every line's and the head's amounts again from the lines as stored: for a line added to a stored draft. A
     * line whose amounts are already right is rewritten unchanged, which the audit trail does not record.
     */
    public static Uni<Void> recompute(SqlClient conn, long invoiceId, String supplierState) {
        return customerTerms(conn, invoiceId)
                .flatMap(customer -> conn.preparedQuery("SELECT id, quantity, unit_price, discount_percent, gst_rate FROM invoice_lines "
                                + "WHERE invoice_id = $1 ORDER BY position").execute(Tuple.of(invoiceId))
                        .flatMap(lines -> {
                            List<Long> ids = new ArrayList<>();
                            List<GstCalculator.LineInput> inputs = new ArrayList<>();
                            for (Row l : lines) {
                                ids.add(l.getLong("id"));
                                inputs.add(new GstCalculator.LineInput(l.getBigDecimal("quantity"), l.getBigDecimal("unit_price"),
                                        l.getBigDecimal("discount_percent"), l.getBigDecimal("gst_rate")));
                            }
                            String customerState = customer.stateCode();
                            GstCalculator.InvoiceTax tax = tax(inputs, supplierState, customerState, customer.type());
                            List<Tuple> updates = new ArrayList<>();
                            for (int i = 0; i < ids.size(); i++) {
                                GstCalculator.LineTax t = tax.lines().get(i);
                                updates.add(Tuple.of(ids.get(i), t.taxable(), t.cgst(), t.sgst(), t.igst(), t.total()));
                            }
                            Uni<?> lineUpdates = updates.isEmpty() ? Uni.createFrom().voidItem()
                                    : conn.preparedQuery("UPDATE invoice_lines SET taxable_amount = $2, cgst = $3, sgst = $4, igst = $5, total = $6 WHERE id = $1")
                                    .executeBatch(updates);
                            return lineUpdates.flatMap(x -> conn.preparedQuery("UPDATE invoices SET place_of_supply = $2, inter_state = $3, "
                                            + "taxable_amount = $4, cgst = $5, sgst = $6, igst = $7, round_off = $8, total = $9, updated_at = now() WHERE id = $1")
                                    .execute(Tuple.from(Arrays.asList(invoiceId, placeOfSupply(customerState, supplierState), tax.interState(),
                                            tax.taxable(), tax.cgst(), tax.sgst(), tax.igst(), tax.roundOff(), tax.total()))));
                        }))
                .replaceWithVoid();
    }

    /** A stored draft's customer's state and the supply type its category and terms make. */
    private record CustomerTerms(String stateCode, SupplyType type) {
    }

    private static Uni<CustomerTerms> customerTerms(SqlClient conn, long invoiceId) {
        return conn.preparedQuery("SELECT p.state_code, p.gst_category, i.with_payment_of_tax FROM invoices i "
                        + "JOIN parties p ON p.id = i.customer_id WHERE i.id = $1")
                .execute(Tuple.of(invoiceId))
                .map(rows -> {
                    Row customer = rows.iterator().next();
                    return new CustomerTerms(customer.getString("state_code"), SupplyType.of(
                            GstCategory.byCode(customer.getString("gst_category")).orElseThrow(), customer.getBoolean("with_payment_of_tax")));
                });
    }
}
