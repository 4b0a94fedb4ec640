package io.ipsc.invoicing.report;

import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.report.Gstr1.DocumentSeries;
import io.ipsc.invoicing.report.Gstr1.HsnRow;
import io.ipsc.invoicing.report.Gstr1.Invoice;
import io.ipsc.invoicing.report.Gstr1.Note;
import io.ipsc.invoicing.report.Gstr1.RateLine;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ipsc.invoicing.report.Gstr1Answer.row;

/**
 * The month's GSTR-1 in the layout the GST portal's returns offline tool imports (and india-compliance writes):
 * {@code gstin}, {@code fp} (MMYYYY), {@code b2b} by {@code ctin} with each invoice's {@code itms} per rate,
 * {@code b2cl} by place of supply, {@code b2cs} rows, {@code hsn} ({@code data}, or {@code hsn_b2b}/{@code hsn_b2c}
 * from May 2025), {@code cdnr} by {@code ctin} with each note's {@code nt} entry ({@code ntty} C/D; {@code inv_typ} and
 * {@code rchrg} its invoice's), {@code cdnur} ({@code typ} B2CL, EXPWP or EXPWOP), {@code exp} by export type and {@code doc_issue} (invoices, debit notes and credit notes: doc_num
 * 1, 4 and 5). SEZ supplies and deemed exports are in {@code b2b} with their {@code inv_typ} (SEWP, SEWOP, DE), as the
 * portal takes them. Dates are dd-MM-yyyy, places of supply two-digit state codes, amounts in
 * rupees with paise, rates in percent.
 */
final class Gstr1PortalJson {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("MMyyyy");
    /** Table 13's numbers of the natures of document: invoices for outward supply 1, debit notes 4, credit notes 5. */
    private static final Map<String, Integer> DOC_NUM = Map.of(Gstr1.OUTWARD_INVOICES, 1, Gstr1.DEBIT_NOTES, 4, Gstr1.CREDIT_NOTES, 5);

    private Gstr1PortalJson() {
    }

    static Map<String, Object> of(Gstr1.Return r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("gstin", r.supplierGstin() == null ? "" : r.supplierGstin());
        json.put("fp", r.month().format(PERIOD));
        json.put("version", "GST3.0.4");
        json.put("hash", "hash");
        json.put("b2b", b2b(r));
        json.put("b2cl", b2cl(r));
        json.put("b2cs", r.b2cs().stream().map(s -> row("sply_ty", s.interState() ? "INTER" : "INTRA", "pos", s.placeOfSupply(),
                "typ", s.type(), "txval", s.taxable(), "rt", rate(s.rate()), "iamt", s.igst(), "camt", s.cgst(), "samt", s.sgst(),
                "csamt", BigDecimal.ZERO)).toList());
        json.put("cdnr", cdnr(r));
        json.put("cdnur", cdnur(r));
        json.put("exp", exp(r));
        json.put("hsn", r.hsnSplit() ? row("hsn_b2b", hsn(r.hsnB2b()), "hsn_b2c", hsn(r.hsnB2c())) : row("data", hsn(r.hsn())));
        json.put("doc_issue", row("doc_det", docDet(r.documents())));
        return json;
    }

    /** One {@code doc_det} entry per nature of document the month has, in Table 13's order. */
    private static List<Map<String, Object>> docDet(List<DocumentSeries> documents) {
        Map<String, List<DocumentSeries>> byNature = new java.util.TreeMap<>(java.util.Comparator.comparing(DOC_NUM::get));
        documents.forEach(d -> byNature.computeIfAbsent(d.nature(), n -> new ArrayList<>()).add(d));
        List<Map<String, Object>> out = new ArrayList<>();
        byNature.forEach((nature, series) -> out.add(row("doc_num", DOC_NUM.get(nature), "doc_typ", nature, "docs", docs(series))));
        return out;
    }

    private static List<Map<String, Object>> cdnr(Gstr1.Return r) {
        Map<String, List<Map<String, Object>>> byCtin = new LinkedHashMap<>();
        for (Note n : r.cdnr()) {
            byCtin.computeIfAbsent(n.customerGstin(), g -> new ArrayList<>()).add(row("ntty", n.noteType(), "nt_num", n.number(),
                    "nt_dt", n.date().format(DATE), "val", n.value(), "pos", n.placeOfSupply(), "rchrg", n.terms().reverseCharge() ? "Y" : "N",
                    "inv_typ", invoiceType(n.terms().supplyType()),
                    "itms", items(n.interState(), n.rates())));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byCtin.forEach((ctin, notes) -> out.add(row("ctin", ctin, "nt", notes)));
        return out;
    }

    private static List<Map<String, Object>> cdnur(Gstr1.Return r) {
        return r.cdnur().stream().map(n -> row("typ", n.urType(), "ntty", n.noteType(), "nt_num", n.number(), "nt_dt", n.date().format(DATE),
                "val", n.value(), "pos", n.placeOfSupply(), "itms", items(true, n.rates()))).toList();
    }

    private static List<Map<String, Object>> b2b(Gstr1.Return r) {
        Map<String, List<Map<String, Object>>> byCtin = new LinkedHashMap<>();
        for (Invoice i : r.b2b()) {
            Map<String, Object> inv = row("inum", i.number(), "idt", i.date().format(DATE), "val", i.value(), "pos", i.placeOfSupply(),
                    "rchrg", i.terms().reverseCharge() ? "Y" : "N", "inv_typ", invoiceType(i.terms().supplyType()), "itms", items(i, true));
            byCtin.computeIfAbsent(i.customerGstin(), g -> new ArrayList<>()).add(inv);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byCtin.forEach((ctin, invoices) -> out.add(row("ctin", ctin, "inv", invoices)));
        return out;
    }

    /** The portal's b2b invoice type: R (regular), SEWP/SEWOP (SEZ with/without payment), DE (deemed export). */
    static String invoiceType(SupplyType type) {
        return switch (type) {
            case SEZWP -> "SEWP";
            case SEZWOP -> "SEWOP";
            case DEXP -> "DE";
            default -> "R";
        };
    }

    /** WPAY: an export with payment of IGST; WOPAY: under LUT/bond without. */
    static String exportType(Invoice i) {
        return i.terms().supplyType() == SupplyType.EXPWP ? "WPAY" : "WOPAY";
    }

    /** Table 6A: by export type, each invoice with its shipping bill (when known) and its rates' IGST. */
    private static List<Map<String, Object>> exp(Gstr1.Return r) {
        Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
        for (Invoice i : r.exp()) {
            Map<String, Object> inv = row("inum", i.number(), "idt", i.date().format(DATE), "val", i.value());
            if (i.terms().portCode() != null) {
                inv.put("sbpcode", i.terms().portCode());
            }
            if (i.terms().shippingBillNumber() != null) {
                inv.put("sbnum", i.terms().shippingBillNumber());
            }
            if (i.terms().shippingBillDate() != null) {
                inv.put("sbdt", i.terms().shippingBillDate().format(DATE));
            }
            inv.put("itms", i.rates().stream().map(rate -> row("txval", rate.taxable(), "rt", rate(rate.rate()), "iamt", rate.igst(),
                    "csamt", BigDecimal.ZERO)).toList());
            byType.computeIfAbsent(exportType(i), t -> new ArrayList<>()).add(inv);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byType.forEach((type, invoices) -> out.add(row("exp_typ", type, "inv", invoices)));
        return out;
    }

    private static List<Map<String, Object>> b2cl(Gstr1.Return r) {
        Map<String, List<Map<String, Object>>> byPos = new LinkedHashMap<>();
        for (Invoice i : r.b2cl()) {
            byPos.computeIfAbsent(i.placeOfSupply(), p -> new ArrayList<>())
                    .add(row("inum", i.number(), "idt", i.date().format(DATE), "val", i.value(), "itms", items(i, false)));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byPos.forEach((pos, invoices) -> out.add(row("pos", pos, "inv", invoices)));
        return out;
    }

    /** An invoice's rates as {@code itms}: IGST for an inter-state supply, CGST and SGST for a local one (B2CL is always inter-state). */
    private static List<Map<String, Object>> items(Invoice i, boolean localTaxes) {
        return items(i.interState() || !localTaxes, i.rates());
    }

    private static List<Map<String, Object>> items(boolean igst, List<RateLine> rates) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (RateLine rate : rates) {
            Map<String, Object> det = row("txval", rate.taxable(), "rt", rate(rate.rate()));
            if (igst) {
                det.put("iamt", rate.igst());
            } else {
                det.put("camt", rate.cgst());
                det.put("samt", rate.sgst());
            }
            det.put("csamt", BigDecimal.ZERO);
            items.add(row("num", items.size() + 1, "itm_det", det));
        }
        return items;
    }

    private static List<Map<String, Object>> hsn(List<HsnRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HsnRow h : rows) {
            out.add(row("num", out.size() + 1, "hsn_sc", h.hsnSac(), "desc", description(h.description()), "uqc", h.uqc(), "qty", h.quantity(),
                    "rt", rate(h.rate()), "txval", h.taxable(), "iamt", h.igst(), "camt", h.cgst(), "samt", h.sgst(), "csamt", BigDecimal.ZERO));
        }
        return out;
    }

    private static List<Map<String, Object>> docs(List<DocumentSeries> series) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DocumentSeries d : series) {
            out.add(row("num", out.size() + 1, "from", d.from(), "to", d.to(), "totnum", d.total(), "cancel", d.cancelled(),
                    "net_issue", d.netIssued()));
        }
        return out;
    }

    /** The portal's description field holds 30 characters. */
    static String description(String text) {
        return text == null ? "" : text.length() <= 30 ? text : text.substring(0, 30);
    }

    /** 18, not 18.00: the portal lists rates as the slabs are written. */
    static BigDecimal rate(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
