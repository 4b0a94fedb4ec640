package io.ipsc.invoicing.report;

import io.ipsc.invoicing.gst.B2clThresholds;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.gst.Uqc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A month's GSTR-1 sorted by the rules in force: pure, from the month's invoice lines and numbers, so that every
 * rule is tested with figures worked out by hand ({@code Gstr1Test}). The HTTP answers ({@link Gstr1Answer}, the
 * portal's JSON and CSV) are views of what this returns; none of them sorts or adds anything itself.
 */
public final class Gstr1 {

    /**
     * From the return period May 2025 the portal takes Table 12 in two parts, supplies to registered persons (B2B) and
     * to unregistered ones (B2C) (GSTN advisory on Phase-III of Table 12; india-compliance's {@code HSN_BIFURCATION_FROM}).
     */
    public static final YearMonth HSN_SPLIT_FROM = YearMonth.of(2025, 5);
    /** "OE": not through an e-commerce operator. "E" needs the operator's GSTIN on the invoice, which no invoice has yet. */
    public static final String NOT_E_COMMERCE = "OE";
    public static final String OUTWARD_INVOICES = "Invoices for outward supply";

    private Gstr1() {
    }

    /** Taxable value and tax of an invoice's lines at one rate (Tables 4, 5 and 7 ask for each rate). */
    public record RateLine(BigDecimal rate, BigDecimal taxable, BigDecimal cgst, BigDecimal sgst, BigDecimal igst) {
    }

    /**
     * A B2B (Table 4; SEZ and deemed exports, Tables 6B and 6C, are entered with it), B2C-large (Table 5) or export
     * (Table 6A) invoice: its value is the rounded total; its place of supply a state code (96 for an export); its
     * terms say its supply type, reverse charge and shipping bill.
     */
    public record Invoice(String number, LocalDate date, BigDecimal value, String placeOfSupply, String customerGstin, String customerName,
                          boolean interState, List<RateLine> rates, SupplyLine.Terms terms) {
    }

    /** Table 7: B2C small by place of supply and rate. */
    public record B2csRow(String type, String placeOfSupply, boolean interState, BigDecimal rate, BigDecimal taxable, BigDecimal cgst,
                          BigDecimal sgst, BigDecimal igst) {
    }

    /** Table 12: one row per HSN/SAC, unit quantity code and rate. */
    public record HsnRow(String hsnSac, String description, String uqc, BigDecimal rate, BigDecimal quantity, BigDecimal taxable,
                         BigDecimal cgst, BigDecimal sgst, BigDecimal igst) {
        /** Total value: the taxable value and its tax. */
        public BigDecimal total() {
            return taxable.add(cgst).add(sgst).add(igst);
        }
    }

    /** Table 13: one series of invoice numbers given in the month. */
    public record DocumentSeries(String nature, String series, String from, String to, int total, int cancelled) {
        public int netIssued() {
            return total - cancelled;
        }
    }

    /** The month's return. {@code hsn} holds the undivided Table 12 before {@link #HSN_SPLIT_FROM}; {@code hsnB2b}/{@code hsnB2c} from it. */
    public record Return(YearMonth month, String supplierGstin, List<Invoice> b2b, List<Invoice> b2cl, List<B2csRow> b2cs, boolean hsnSplit,
                         List<HsnRow> hsn, List<HsnRow> hsnB2b, List<HsnRow> hsnB2c, List<DocumentSeries> documents, List<Invoice> exp) {

        /** The B2B invoices of one supply type (B2B, SEZWP, SEZWOP, DEXP): the portal enters them in b2b with their invoice type. */
        public List<Invoice> b2b(SupplyType type) {
            return b2b.stream().filter(i -> i.terms().supplyType() == type).toList();
        }
    }

    /**
     * @param supplierState the tenant's state code: the place of supply of a sale whose invoice has none (an
     *                      unregistered buyer of unknown state buys locally, as {@code GstCalculator} taxes it)
     */
    public static Return build(YearMonth month, String supplierGstin, String supplierState, List<SupplyLine> lines,
                               List<IssuedNumber> numbers, B2clThresholds thresholds) {
        Map<Long, List<SupplyLine>> byInvoice = new LinkedHashMap<>();
        lines.forEach(l -> byInvoice.computeIfAbsent(l.invoiceId(), id -> new ArrayList<>()).add(l));
        boolean split = !month.isBefore(HSN_SPLIT_FROM);
        List<Invoice> b2b = new ArrayList<>();
        List<Invoice> b2cl = new ArrayList<>();
        List<Invoice> exp = new ArrayList<>();
        Map<List<Object>, B2csRow> b2cs = new TreeMap<>(Comparator.comparing((List<Object> k) -> (String) k.get(0))
                .thenComparing(k -> (BigDecimal) k.get(1)));
        Map<List<Object>, HsnRow> hsn = new TreeMap<>(HSN_ORDER);
        Map<List<Object>, HsnRow> hsnB2b = new TreeMap<>(HSN_ORDER);
        Map<List<Object>, HsnRow> hsnB2c = new TreeMap<>(HSN_ORDER);
        for (List<SupplyLine> invoiceLines : byInvoice.values()) {
            SupplyLine first = invoiceLines.get(0);
            String pos = first.placeOfSupply() != null ? first.placeOfSupply() : supplierState;
            boolean registered = first.customerGstin() != null;
            if (first.terms().supplyType().export()) {
                exp.add(invoice(first, pos, invoiceLines));
            } else if (registered) {
                b2b.add(invoice(first, pos, invoiceLines));
            } else if (first.interState() && thresholds.large(first.invoiceDate(), first.invoiceValue())) {
                b2cl.add(invoice(first, pos, invoiceLines));
            } else {
                for (SupplyLine l : invoiceLines) {
                    b2cs.merge(List.of(pos == null ? "" : pos, l.gstRate().stripTrailingZeros()),
                            new B2csRow(NOT_E_COMMERCE, pos, first.interState(), l.gstRate(), l.taxable(), l.cgst(), l.sgst(), l.igst()),
                            (a, b) -> new B2csRow(a.type(), a.placeOfSupply(), a.interState(), a.rate(), a.taxable().add(b.taxable()),
                                    a.cgst().add(b.cgst()), a.sgst().add(b.sgst()), a.igst().add(b.igst())));
                }
            }
            for (SupplyLine l : invoiceLines) {
                Map<List<Object>, HsnRow> table = !split ? hsn : registered ? hsnB2b : hsnB2c;
                String uqc = Uqc.reported(l.unit(), l.hsnSac());
                // A service has no quantity in Table 12: its UQC is NA and its quantity nil.
                BigDecimal quantity = Uqc.NOT_APPLICABLE.equals(uqc) ? BigDecimal.ZERO : l.quantity();
                table.merge(List.of(l.hsnSac() == null ? "" : l.hsnSac(), uqc, l.gstRate().stripTrailingZeros()),
                        new HsnRow(l.hsnSac() == null ? "" : l.hsnSac(), l.description(), uqc, l.gstRate(), quantity, l.taxable(), l.cgst(),
                                l.sgst(), l.igst()),
                        (a, b) -> new HsnRow(a.hsnSac(), a.description(), a.uqc(), a.rate(), a.quantity().add(b.quantity()),
                                a.taxable().add(b.taxable()), a.cgst().add(b.cgst()), a.sgst().add(b.sgst()), a.igst().add(b.igst())));
            }
        }
        b2b.sort(Comparator.comparing(Invoice::customerGstin).thenComparing(Invoice::date).thenComparing(Invoice::number));
        exp.sort(Comparator.comparing(Invoice::date).thenComparing(Invoice::number));
        b2cl.sort(Comparator.comparing((Invoice i) -> i.placeOfSupply() == null ? "" : i.placeOfSupply()).thenComparing(Invoice::date)
                .thenComparing(Invoice::number));
        return new Return(month, supplierGstin, b2b, b2cl, new ArrayList<>(b2cs.values()), split, new ArrayList<>(hsn.values()),
                new ArrayList<>(hsnB2b.values()), new ArrayList<>(hsnB2c.values()), documents(numbers), exp);
    }

    private static final Comparator<List<Object>> HSN_ORDER = Comparator.comparing((List<Object> k) -> (String) k.get(0))
            .thenComparing(k -> (String) k.get(1)).thenComparing(k -> (BigDecimal) k.get(2));

    private static Invoice invoice(SupplyLine first, String pos, List<SupplyLine> lines) {
        Map<BigDecimal, RateLine> rates = new TreeMap<>();
        for (SupplyLine l : lines) {
            rates.merge(l.gstRate().stripTrailingZeros(), new RateLine(l.gstRate(), l.taxable(), l.cgst(), l.sgst(), l.igst()),
                    (a, b) -> new RateLine(a.rate(), a.taxable().add(b.taxable()), a.cgst().add(b.cgst()), a.sgst().add(b.sgst()),
                            a.igst().add(b.igst())));
        }
        return new Invoice(first.number(), first.invoiceDate(), first.invoiceValue(), pos, first.customerGstin(), first.customerName(),
                first.interState(), new ArrayList<>(rates.values()), first.terms());
    }

    /**
     * Table 13 per series: a number's series is all of it up to its last "/" ({@code INV/2425} of {@code INV/2425/00007});
     * from and to are the lowest and highest numbers given, ordered by their running part, and cancelled ones count.
     */
    static List<DocumentSeries> documents(List<IssuedNumber> numbers) {
        Map<String, List<IssuedNumber>> bySeries = new TreeMap<>();
        for (IssuedNumber n : numbers) {
            int cut = n.number().lastIndexOf('/');
            bySeries.computeIfAbsent(cut < 0 ? "" : n.number().substring(0, cut), s -> new ArrayList<>()).add(n);
        }
        List<DocumentSeries> out = new ArrayList<>();
        bySeries.forEach((series, list) -> {
            list.sort(Comparator.comparing((IssuedNumber n) -> running(n.number())).thenComparing(IssuedNumber::number));
            int cancelled = (int) list.stream().filter(IssuedNumber::cancelled).count();
            out.add(new DocumentSeries(OUTWARD_INVOICES, series, list.get(0).number(), list.get(list.size() - 1).number(), list.size(), cancelled));
        });
        return out;
    }

    private static long running(String number) {
        String tail = number.substring(number.lastIndexOf('/') + 1).replaceAll("\\D", "");
        return tail.isEmpty() || tail.length() > 18 ? 0 : Long.parseLong(tail);
    }
}
