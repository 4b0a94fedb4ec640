package io.ipsc.web.gst;

import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.workspace.HomeFigures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invoicing's GSTR-1 answer as tables: one per section the API answers (B2B, SEZ, deemed exports, B2CL, exports, B2CS,
 * CDNR, CDNUR, HSN, documents, and any it adds later, under its own key), the columns in the API's order, each amount in rupees, and the section's
 * totals as the API added them up ({@code totals.<section>}). Nothing is added up here.
 */
public record Gstr1View(String month, String supplierGstin, List<Section> sections) {

    /**
     * A section as a table; {@code totals} is one cell per column (blank where nothing adds up), or empty; {@code csv} names
     * the section for the API's CSV export ({@code section=b2cl}), or is null for a section the export does not have.
     */
    public record Section(String key, String title, String description, List<Column> columns, List<List<String>> rows, List<String> totals,
                          String csv) {
    }

    /** A column's heading, and whether it holds amounts (right-aligned). */
    public record Column(String heading, boolean figure) {
    }

    /**
     * The sections the API answers today, in the portal's order, with what each holds and its name in the CSV export (SEZ
     * supplies and deemed exports are in the export's b2b file, as the portal's template has them).
     */
    private static final Map<String, String[]> KNOWN = Map.ofEntries(
            Map.entry("b2b", new String[]{"B2B", "Supplies to registered customers, by the customer's GSTIN (Table 4)", "b2b"}),
            Map.entry("sezwp", new String[]{"SEZ with payment", "Supplies to SEZ units with payment of IGST, by GSTIN (Table 6B; in the B2B file)", null}),
            Map.entry("sezwop", new String[]{"SEZ without payment", "Supplies to SEZ units under LUT/bond, nil tax, by GSTIN (Table 6B; in the B2B file)",
                    null}),
            Map.entry("de", new String[]{"Deemed exports", "Deemed exports, by the recipient's GSTIN (Table 6C; in the B2B file)", null}),
            Map.entry("b2c_large", new String[]{"B2CL", "Inter-state supplies to unregistered customers above the large-invoice limit on the invoice's date "
                    + "(₹2,50,000 until 31 July 2024, ₹1,00,000 since), invoice by invoice and rate (Table 5)", "b2cl"}),
            Map.entry("expwp", new String[]{"Exports with payment", "Exports with payment of IGST (WPAY), invoice by invoice and rate, "
                    + "with the shipping bill when known (Table 6A; the exports file holds both kinds)", "exp"}),
            Map.entry("expwop", new String[]{"Exports without payment", "Exports under LUT/bond, nil tax (WOPAY), invoice by invoice and rate, "
                    + "with the shipping bill when known (Table 6A; in the exports file above)", null}),
            Map.entry("b2c_small", new String[]{"B2CS", "Other supplies to unregistered customers, by place of supply and rate, net of their notes "
                    + "(Table 7)", "b2cs"}),
            Map.entry("cdnr", new String[]{"Credit/debit notes — registered", "Notes to registered customers, SEZ units and deemed exporters this "
                    + "month, note by note and rate (Table 9B, CDNR); an invoice of an earlier month cancelled this month is here as a credit note", "cdnr"}),
            Map.entry("cdnur", new String[]{"Credit/debit notes — unregistered", "Notes on B2C-large invoices and exports, note by note and rate "
                    + "(Table 9B, CDNUR)", "cdnur"}),
            Map.entry("hsn_summary", new String[]{"HSN", "Summary by HSN/SAC code, unit quantity code and rate (Table 12)", "hsn"}),
            Map.entry("hsn_b2b", new String[]{"HSN — B2B", "Table 12 for supplies to registered customers, by HSN/SAC, unit quantity code and rate",
                    "hsn_b2b"}),
            Map.entry("hsn_b2c", new String[]{"HSN — B2C", "Table 12 for supplies to unregistered customers, by HSN/SAC, unit quantity code and rate",
                    "hsn_b2c"}),
            Map.entry("document_summary", new String[]{"Documents issued", "Invoice, debit note and credit note numbers given this month, per series "
                    + "(Table 13)", "docs"}));
    private static final List<String> ORDER = List.of("b2b", "sezwp", "sezwop", "de", "b2c_large", "expwp", "expwop", "b2c_small", "cdnr", "cdnur",
            "hsn_summary", "hsn_b2b", "hsn_b2c", "document_summary");
    private static final Set<String> NOT_SECTIONS = Set.of("month", "supplier_gstin", "totals");
    private static final Set<String> AMOUNTS = Set.of("taxable", "cgst", "sgst", "igst", "cess", "total", "round_off", "invoice_value",
            "note_value");
    /** Counts: right-aligned like amounts, written as they are. */
    private static final Set<String> COUNTS = Set.of("invoices", "quantity", "total_number", "cancelled", "net_issued");
    private static final Map<String, String> HEADINGS = Map.ofEntries(
            Map.entry("gstin", "Customer GSTIN"), Map.entry("name", "Customer"), Map.entry("invoices", "Invoices"),
            Map.entry("number", "Invoice"), Map.entry("invoice_date", "Invoice date"), Map.entry("place_of_supply", "Place of supply"),
            Map.entry("gst_rate", "Rate"), Map.entry("hsn_sac", "HSN/SAC"), Map.entry("quantity", "Quantity"),
            Map.entry("taxable", "Taxable value"), Map.entry("cgst", "CGST"), Map.entry("sgst", "SGST"), Map.entry("igst", "IGST"),
            Map.entry("cess", "Cess"), Map.entry("total", "Total"), Map.entry("type", "Type"), Map.entry("uqc", "UQC"),
            Map.entry("invoice_value", "Invoice value"), Map.entry("nature", "Document"), Map.entry("series", "Series"),
            Map.entry("from", "From"), Map.entry("to", "To"), Map.entry("total_number", "Total"), Map.entry("cancelled", "Cancelled"),
            Map.entry("net_issued", "Net issued"), Map.entry("ur_type", "Type"), Map.entry("note_type", "Note"),
            Map.entry("note_number", "Note number"), Map.entry("note_date", "Note date"), Map.entry("invoice_number", "Invoice"),
            Map.entry("supply_type", "Supply type"), Map.entry("reverse_charge", "Reverse charge"), Map.entry("note_value", "Note value"),
            Map.entry("export_type", "Export type"), Map.entry("port_code", "Port"), Map.entry("shipping_bill_number", "Shipping bill"),
            Map.entry("shipping_bill_date", "Shipping bill date"));
    /** How the API's codes read: a note's type, a yes/no flag. */
    private static final Map<String, String> NOTE_TYPES = Map.of("C", "Credit", "D", "Debit");

    static Gstr1View of(Map<String, Object> report) {
        Map<?, ?> totals = report.get("totals") instanceof Map<?, ?> t ? t : Map.of();
        List<String> keys = new ArrayList<>(ORDER.stream().filter(report::containsKey).toList());
        report.keySet().stream().filter(k -> !keys.contains(k) && !NOT_SECTIONS.contains(k) && report.get(k) instanceof List<?>).forEach(keys::add);
        List<Section> sections = new ArrayList<>();
        for (String key : keys) {
            List<Map<?, ?>> rows = ((List<?>) report.get(key)).stream().filter(Map.class::isInstance).<Map<?, ?>>map(r -> (Map<?, ?>) r).toList();
            List<String> columnKeys = rows.isEmpty() ? List.of() : rows.get(0).keySet().stream().map(String::valueOf).toList();
            String[] known = KNOWN.getOrDefault(key, new String[]{key.replace('_', ' ').toUpperCase(), "", null});
            Map<?, ?> sums = totals.get(key) instanceof Map<?, ?> s ? s : Map.of();
            List<String> totalRow = sums.isEmpty() || rows.isEmpty() ? List.of()
                    : columnKeys.stream().map(c -> sums.containsKey(c) ? cell(c, sums.get(c)) : "").toList();
            sections.add(new Section(key, known[0], known[1],
                    columnKeys.stream().map(c -> new Column(HEADINGS.getOrDefault(c, c), AMOUNTS.contains(c) || COUNTS.contains(c))).toList(),
                    rows.stream().map(r -> columnKeys.stream().map(c -> cell(c, r.get(c))).toList()).toList(), totalRow, known[2]));
        }
        return new Gstr1View(String.valueOf(report.get("month")), report.get("supplier_gstin") == null ? "" : String.valueOf(report.get("supplier_gstin")),
                sections);
    }

    private static String cell(String column, Object value) {
        if (value == null) {
            return "—";
        }
        if (AMOUNTS.contains(column)) {
            return IndianFormats.rupees(HomeFigures.Source.amount(value));
        }
        if ("note_type".equals(column)) {
            return NOTE_TYPES.getOrDefault(String.valueOf(value), String.valueOf(value));
        }
        if (value instanceof Boolean flag) {
            return flag ? "Yes" : "No";
        }
        if ("gst_rate".equals(column)) {
            return HomeFigures.Source.amount(value).stripTrailingZeros().toPlainString() + " %";
        }
        if ("quantity".equals(column)) {
            return HomeFigures.Source.amount(value).stripTrailingZeros().toPlainString();
        }
        if (column.endsWith("_date")) {
            try {
                return IndianFormats.date(LocalDate.parse(String.valueOf(value)));
            } catch (RuntimeException notADate) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }
}
