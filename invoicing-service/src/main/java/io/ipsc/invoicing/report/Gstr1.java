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
    /** Table 13's natures of document for notes, as the portal's {@code doc_issue} names them (doc_num 4 and 5). */
    public static final String DEBIT_NOTES = "Debit Note";
    public static final String CREDIT_NOTES = "Credit Note";
    /** CDNUR's type for a note on a B2C-large invoice; a note on an export takes its supply type, EXPWP or EXPWOP. */
    public static final String UR_B2CL = "B2CL";

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

    /**
     * A credit ({@code C}) or debit ({@code D}) note in Table 9B: CDNR (registered recipient: {@code customerGstin}; a
     * SEZ unit's or deemed exporter's with its invoice's supply type) or CDNUR ({@code urType} B2CL, EXPWP or EXPWOP).
     * Its value is its rounded total; amounts are positive, the type says which way; its terms are its invoice's.
     */
    public record Note(String noteType, String number, LocalDate date, BigDecimal value, String placeOfSupply, String customerGstin,
                       String customerName, boolean interState, String urType, String invoiceNumber, LocalDate invoiceDate, List<RateLine> rates,
                       SupplyLine.Terms terms) {
    }

    /** The month's notes and the note numbers given in it (cancelling credit notes' too: Table 13 counts every document). */
    public record NoteSupplies(List<NoteLine> lines, List<IssuedNumber> creditNumbers, List<IssuedNumber> debitNumbers) {
        public static final NoteSupplies NONE = new NoteSupplies(List.of(), List.of(), List.of());
    }

    /** The month's return. {@code hsn} holds the undivided Table 12 before {@link #HSN_SPLIT_FROM}; {@code hsnB2b}/{@code hsnB2c} from it. */
    public record Return(YearMonth month, String supplierGstin, List<Invoice> b2b, List<Invoice> b2cl, List<B2csRow> b2cs, boolean hsnSplit,
                         List<HsnRow> hsn, List<HsnRow> hsnB2b, List<HsnRow> hsnB2c, List<DocumentSeries> documents, List<Note> cdnr,
                         List<Note> cdnur, List<Invoice> exp) {

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
        return build(month, supplierGstin, supplierState, lines, numbers, NoteSupplies.NONE, thresholds);
    }

    public static Return build(YearMonth month, String supplierGstin, String supplierState, List<SupplyLine> lines,
                               List<IssuedNumber> numbers, NoteSupplies notes, B2clThresholds thresholds) {
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
                    addB2cs(b2cs, new B2csRow(NOT_E_COMMERCE, pos, first.interState(), l.gstRate(), l.taxable(), l.cgst(), l.sgst(), l.igst()));
                }
            }
            for (SupplyLine l : invoiceLines) {
                addHsn(!split ? hsn : registered ? hsnB2b : hsnB2c, l.hsnSac(), l.description(), l.unit(), l.gstRate(), l.quantity(),
                        l.taxable(), l.cgst(), l.sgst(), l.igst());
            }
        }
        List<Note> cdnr = new ArrayList<>();
        List<Note> cdnur = new ArrayList<>();
        notes(notes.lines(), supplierState, thresholds, cdnr, cdnur, b2cs, !split ? hsn : hsnB2b, !split ? hsn : hsnB2c);
        List<DocumentSeries> documents = documents(numbers);
        documents.addAll(documents(DEBIT_NOTES, notes.debitNumbers()));
        documents.addAll(documents(CREDIT_NOTES, notes.creditNumbers()));
        b2b.sort(Comparator.comparing(Invoice::customerGstin).thenComparing(Invoice::date).thenComparing(Invoice::number));
        exp.sort(Comparator.comparing(Invoice::date).thenComparing(Invoice::number));
        b2cl.sort(Comparator.comparing((Invoice i) -> i.placeOfSupply() == null ? "" : i.placeOfSupply()).thenComparing(Invoice::date)
                .thenComparing(Invoice::number));
        return new Return(month, supplierGstin, b2b, b2cl, new ArrayList<>(b2cs.values()), split, new ArrayList<>(hsn.values()),
                new ArrayList<>(hsnB2b.values()), new ArrayList<>(hsnB2c.values()), documents, cdnr, cdnur, exp);
    }

    private static void addB2cs(Map<List<Object>, B2csRow> b2cs, B2csRow row) {
        b2cs.merge(List.of(row.placeOfSupply() == null ? "" : row.placeOfSupply(), row.rate().stripTrailingZeros()), row,
                (a, b) -> new B2csRow(a.type(), a.placeOfSupply(), a.interState(), a.rate(), a.taxable().add(b.taxable()),
                        a.cgst().add(b.cgst()), a.sgst().add(b.sgst()), a.igst().add(b.igst())));
    }

    private static void addHsn(Map<List<Object>, HsnRow> table, String hsnSac, String description, String unit, BigDecimal rate,
                               BigDecimal quantity, BigDecimal taxable, BigDecimal cgst, BigDecimal sgst, BigDecimal igst) {
        String uqc = Uqc.reported(unit, hsnSac);
        // A service has no quantity in Table 12: its UQC is NA and its quantity nil.
        BigDecimal reported = Uqc.NOT_APPLICABLE.equals(uqc) ? BigDecimal.ZERO : quantity;
        String code = hsnSac == null ? "" : hsnSac;
        table.merge(List.of(code, uqc, rate.stripTrailingZeros()), new HsnRow(code, description, uqc, rate, reported, taxable, cgst, sgst, igst),
                (a, b) -> new HsnRow(a.hsnSac(), a.description(), a.uqc(), a.rate(), a.quantity().add(b.quantity()),
                        a.taxable().add(b.taxable()), a.cgst().add(b.cgst()), a.sgst().add(b.sgst()), a.igst().add(b.igst())));
    }

    /**
     * Table 9B and what notes change elsewhere: a note on an export is in CDNUR as EXPWP/EXPWOP (Table 9B's "exports");
     * a registered buyer's note (SEZ and deemed exports too) is in CDNR; an unregistered buyer's is in CDNUR
     * when its invoice was B2C-large (by the threshold in force on the invoice's date), else it adjusts B2CS for its
     * place of supply and rate (a credit note takes off, a debit note adds), as the portal asks. Every note's lines
     * count in Table 12 the same way, net (a credit note's goods back as negative quantity), in the B2B or B2C part
     * by its buyer.
     */
    private static void notes(List<NoteLine> lines, String supplierState, B2clThresholds thresholds, List<Note> cdnr, List<Note> cdnur,
                              Map<List<Object>, B2csRow> b2cs, Map<List<Object>, HsnRow> hsnB2b, Map<List<Object>, HsnRow> hsnB2c) {
        Map<Long, List<NoteLine>> byNote = new LinkedHashMap<>();
        lines.forEach(l -> byNote.computeIfAbsent(l.noteId(), id -> new ArrayList<>()).add(l));
        for (List<NoteLine> noteLines : byNote.values()) {
            NoteLine first = noteLines.get(0);
            String pos = first.placeOfSupply() != null ? first.placeOfSupply() : supplierState;
            boolean registered = first.customerGstin() != null;
            if (first.terms().supplyType().export()) {
                cdnur.add(note(first, pos, first.terms().supplyType().name(), noteLines));
            } else if (registered) {
                cdnr.add(note(first, pos, null, noteLines));
            } else if (first.interState() && thresholds.large(first.invoiceDate(), first.invoiceValue())) {
                cdnur.add(note(first, pos, UR_B2CL, noteLines));
            } else {
                for (NoteLine l : noteLines) {
                    BigDecimal sign = l.sign();
                    addB2cs(b2cs, new B2csRow(NOT_E_COMMERCE, pos, first.interState(), l.gstRate(), l.taxable().multiply(sign),
                            l.cgst().multiply(sign), l.sgst().multiply(sign), l.igst().multiply(sign)));
                }
            }
            for (NoteLine l : noteLines) {
                BigDecimal sign = l.sign();
                addHsn(registered ? hsnB2b : hsnB2c, l.hsnSac(), l.description(), l.unit(), l.gstRate(),
                        l.quantity() == null ? BigDecimal.ZERO : l.quantity().multiply(sign), l.taxable().multiply(sign),
                        l.cgst().multiply(sign), l.sgst().multiply(sign), l.igst().multiply(sign));
            }
        }
        Comparator<Note> order = Comparator.comparing(Note::date).thenComparing(Note::number);
        cdnr.sort(Comparator.comparing(Note::customerGstin).thenComparing(order));
        cdnur.sort(order);
    }

    private static Note note(NoteLine first, String pos, String urType, List<NoteLine> lines) {
        Map<BigDecimal, RateLine> rates = new TreeMap<>();
        for (NoteLine l : lines) {
            rates.merge(l.gstRate().stripTrailingZeros(), new RateLine(l.gstRate(), l.taxable(), l.cgst(), l.sgst(), l.igst()), Gstr1::sum);
        }
        return new Note(first.noteType(), first.number(), first.noteDate(), first.noteValue(), pos, first.customerGstin(), first.customerName(),
                first.interState(), urType, first.invoiceNumber(), first.invoiceDate(), new ArrayList<>(rates.values()), first.terms());
    }

    private static RateLine sum(RateLine a, RateLine b) {
        return new RateLine(a.rate(), a.taxable().add(b.taxable()), a.cgst().add(b.cgst()), a.sgst().add(b.sgst()), a.igst().add(b.igst()));
    }

    private static final Comparator<List<Object>> HSN_ORDER = Comparator.comparing((List<Object> k) -> (String) k.get(0))
            .thenComparing(k -> (String) k.get(1)).thenComparing(k -> (BigDecimal) k.get(2));

    private static Invoice invoice(SupplyLine first, String pos, List<SupplyLine> lines) {
        Map<BigDecimal, RateLine> rates = new TreeMap<>();
        for (SupplyLine l : lines) {
            rates.merge(l.gstRate().stripTrailingZeros(), new RateLine(l.gstRate(), l.taxable(), l.cgst(), l.sgst(), l.igst()), Gstr1::sum);
        }
        return new Invoice(first.number(), first.invoiceDate(), first.invoiceValue(), pos, first.customerGstin(), first.customerName(),
                first.interState(), new ArrayList<>(rates.values()), first.terms());
    }

    /**
     * Table 13 per series: a number's series is all of it up to its last "/" ({@code INV/2425} of {@code INV/2425/00007});
     * from and to are the lowest and highest numbers given, ordered by their running part, and cancelled ones count.
     */
    static List<DocumentSeries> documents(List<IssuedNumber> numbers) {
        return documents(OUTWARD_INVOICES, numbers);
    }

    /** The same for one nature of document (Table 13 lists invoices, debit notes and credit notes apart). */
    static List<DocumentSeries> documents(String nature, List<IssuedNumber> numbers) {
        Map<String, List<IssuedNumber>> bySeries = new TreeMap<>();
        for (IssuedNumber n : numbers) {
            int cut = n.number().lastIndexOf('/');
            bySeries.computeIfAbsent(cut < 0 ? "" : n.number().substring(0, cut), s -> new ArrayList<>()).add(n);
        }
        List<DocumentSeries> out = new ArrayList<>();
        bySeries.forEach((series, list) -> {
            list.sort(Comparator.comparing((IssuedNumber n) -> running(n.number())).thenComparing(IssuedNumber::number));
            int cancelled = (int) list.stream().filter(IssuedNumber::cancelled).count();
            out.add(new DocumentSeries(nature, series, list.get(0).number(), list.get(list.size() - 1).number(), list.size(), cancelled));
        });
        return out;
    }

    private static long running(String number) {
        String tail = number.substring(number.lastIndexOf('/') + 1).replaceAll("\\D", "");
        return tail.isEmpty() || tail.length() > 18 ? 0 : Long.parseLong(tail);
    }
}
