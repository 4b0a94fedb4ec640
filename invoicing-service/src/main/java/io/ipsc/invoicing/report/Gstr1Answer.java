package io.ipsc.invoicing.report;

import io.ipsc.invoicing.gst.PlaceOfSupply;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.report.Gstr1.HsnRow;
import io.ipsc.invoicing.report.Gstr1.Invoice;
import io.ipsc.invoicing.report.Gstr1.Note;
import io.ipsc.invoicing.report.Gstr1.RateLine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The month's GSTR-1 as {@code GET /api/reports/gstr1} answers it in the envelope: one list of rows per section
 * (B2B by customer GSTIN; B2CL invoice by invoice and rate; B2CS by place of supply and rate; CDNR and CDNUR note by
 * note and rate; the HSN summary, in two
 * parts from May 2025; the document summary), and each section's amounts added up in {@code totals}, so that no
 * reader adds tax itself. Places of supply are written as the portal's templates write them ({@code 29-Karnataka}).
 */
final class Gstr1Answer {

    /** The columns a section's {@code totals} add up (the others are names, codes, rates and an invoice's value repeated per rate). */
    private static final List<String> ADDED_UP = List.of("invoices", "quantity", "taxable", "cgst", "sgst", "igst", "total", "total_number",
            "cancelled", "net_issued");

    private Gstr1Answer() {
    }

    static Map<String, Object> of(Gstr1.Return r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("month", r.month().toString());
        data.put("supplier_gstin", r.supplierGstin());
        data.put("b2b", b2b(r.b2b(SupplyType.B2B)));
        supplyTypes(data, r);
        data.put("b2c_large", b2cl(r.b2cl()));
        data.put("b2c_small", r.b2cs().stream().map(s -> row("type", s.type(), "place_of_supply", PlaceOfSupply.label(s.placeOfSupply()),
                "gst_rate", s.rate(), "taxable", s.taxable(), "cgst", s.cgst(), "sgst", s.sgst(), "igst", s.igst())).toList());
        data.put("cdnr", notes(r.cdnr()));
        data.put("cdnur", notes(r.cdnur()));
        if (r.hsnSplit()) {
            data.put("hsn_b2b", hsn(r.hsnB2b()));
            data.put("hsn_b2c", hsn(r.hsnB2c()));
        } else {
            data.put("hsn_summary", hsn(r.hsn()));
        }
        data.put("document_summary", r.documents().stream().map(d -> row("nature", d.nature(), "series", d.series(), "from", d.from(),
                "to", d.to(), "total_number", d.total(), "cancelled", d.cancelled(), "net_issued", d.netIssued())).toList());
        data.put("totals", totals(data));
        return data;
    }

    /**
     * Tables 6A, 6B and 6C, each a section of its own as india-compliance's GSTR-1 summary shows them: SEZ supplies with
     * and without payment of tax and deemed exports per customer GSTIN, exports with payment of IGST ({@code expwp}) and
     * under LUT/bond ({@code expwop}) invoice by invoice and rate (the portal's {@code exp} by {@code exp_typ} WPAY/WOPAY).
     */
    private static void supplyTypes(Map<String, Object> data, Gstr1.Return r) {
        data.put("sezwp", b2b(r.b2b(SupplyType.SEZWP)));
        data.put("sezwop", b2b(r.b2b(SupplyType.SEZWOP)));
        data.put("de", b2b(r.b2b(SupplyType.DEXP)));
        data.put("expwp", exports(r.exp(), SupplyType.EXPWP));
        data.put("expwop", exports(r.exp(), SupplyType.EXPWOP));
    }

    private static List<Map<String, Object>> exports(List<Invoice> exports, SupplyType type) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Invoice i : exports) {
            if (i.terms().supplyType() != type) {
                continue;
            }
            for (RateLine rate : i.rates()) {
                rows.add(row("number", i.number(), "invoice_date", i.date().toString(), "invoice_value", i.value(), "port_code",
                        i.terms().portCode(), "shipping_bill_number", i.terms().shippingBillNumber(),
                        "shipping_bill_date", i.terms().shippingBillDate() == null ? null : i.terms().shippingBillDate().toString(),
                        "gst_rate", rate.rate(), "taxable", rate.taxable(), "igst", rate.igst()));
            }
        }
        return rows;
    }

    /** Per customer GSTIN, as the web's table has shown it: invoices, their amounts, and their values added up as {@code total}. */
    private static List<Map<String, Object>> b2b(List<Invoice> invoices) {
        Map<String, Map<String, Object>> byGstin = new LinkedHashMap<>();
        for (Invoice i : invoices) {
            Map<String, Object> row = byGstin.computeIfAbsent(i.customerGstin(), g -> row("gstin", g, "name", i.customerName(), "invoices", 0,
                    "taxable", BigDecimal.ZERO, "cgst", BigDecimal.ZERO, "sgst", BigDecimal.ZERO, "igst", BigDecimal.ZERO, "total", BigDecimal.ZERO));
            row.merge("invoices", 1, (a, b) -> (Integer) a + (Integer) b);
            for (RateLine rate : i.rates()) {
                add(row, "taxable", rate.taxable());
                add(row, "cgst", rate.cgst());
                add(row, "sgst", rate.sgst());
                add(row, "igst", rate.igst());
            }
            add(row, "total", i.value());
        }
        return new ArrayList<>(byGstin.values());
    }

    private static List<Map<String, Object>> b2cl(List<Invoice> invoices) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Invoice i : invoices) {
            for (RateLine rate : i.rates()) {
                rows.add(row("number", i.number(), "invoice_date", i.date().toString(), "place_of_supply", PlaceOfSupply.label(i.placeOfSupply()),
                        "invoice_value", i.value(), "gst_rate", rate.rate(), "taxable", rate.taxable(), "igst", rate.igst()));
            }
        }
        return rows;
    }

    /**
     * Table 9B a row per note and rate, with the invoice it refers to; amounts positive, {@code note_type} C (credit) or D
     * (debit), so a section's totals add both kinds' figures as the portal's own summary does.
     */
    private static List<Map<String, Object>> notes(List<Note> notes) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Note n : notes) {
            for (RateLine rate : n.rates()) {
                Map<String, Object> row = n.customerGstin() != null ? row("gstin", n.customerGstin(), "name", n.customerName())
                        : row("ur_type", n.urType());
                row.putAll(row("note_type", n.noteType(), "note_number", n.number(), "note_date", n.date().toString(),
                        "invoice_number", n.invoiceNumber(), "invoice_date", n.invoiceDate().toString(),
                        "place_of_supply", PlaceOfSupply.label(n.placeOfSupply()), "supply_type", n.terms().supplyType().name(),
                        "reverse_charge", n.terms().reverseCharge(), "note_value", n.value(), "gst_rate", rate.rate(),
                        "taxable", rate.taxable(), "cgst", rate.cgst(), "sgst", rate.sgst(), "igst", rate.igst()));
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Map<String, Object>> hsn(List<HsnRow> rows) {
        return rows.stream().map(h -> row("hsn_sac", h.hsnSac(), "uqc", h.uqc(), "gst_rate", h.rate(), "quantity", h.quantity(),
                "taxable", h.taxable(), "cgst", h.cgst(), "sgst", h.sgst(), "igst", h.igst(), "total", h.total())).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> totals(Map<String, Object> report) {
        Map<String, Object> totals = new LinkedHashMap<>();
        report.forEach((section, value) -> {
            if (!(value instanceof List<?> rows)) {
                return;
            }
            Map<String, Object> sums = new LinkedHashMap<>();
            for (Map<String, Object> row : (List<Map<String, Object>>) rows) {
                for (String column : ADDED_UP) {
                    if (row.get(column) instanceof Number n) {
                        sums.merge(column, new BigDecimal(n.toString()), (a, b) -> ((BigDecimal) a).add((BigDecimal) b));
                    }
                }
            }
            totals.put(section, sums);
        });
        return totals;
    }

    private static void add(Map<String, Object> row, String column, BigDecimal amount) {
        row.merge(column, amount, (a, b) -> ((BigDecimal) a).add((BigDecimal) b));
    }

    /** A row from column/value pairs, in their order. */
    static Map<String, Object> row(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
