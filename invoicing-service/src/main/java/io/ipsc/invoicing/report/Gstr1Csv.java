package io.ipsc.invoicing.report;

import io.ipsc.invoicing.gst.PlaceOfSupply;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.gst.Uqc;
import io.ipsc.invoicing.report.Gstr1.HsnRow;
import io.ipsc.invoicing.report.Gstr1.Invoice;
import io.ipsc.invoicing.report.Gstr1.Note;
import io.ipsc.invoicing.report.Gstr1.RateLine;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.ipsc.tenancy.api.Csv.line;

/**
 * One section of the month's GSTR-1 as the CSV template of the GST portal's returns offline tool names it (the
 * column headings are the templates'; india-compliance's {@code GovExcelField} spells the same): one row per invoice
 * and rate for B2B and B2CL, per note and rate for CDNR and CDNUR, per place of supply and rate for B2CS, per HSN, UQC and rate for the HSN summary, per
 * series for the documents issued. Dates as the templates write them (15-Jun-2024), places of supply as 29-Karnataka.
 */
final class Gstr1Csv {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);
    private static final String HSN_HEADINGS = "HSN,Description,UQC,Total Quantity,Total Value,Rate,Taxable Value,Integrated Tax Amount,"
            + "Central Tax Amount,State/UT Tax Amount,Cess Amount";

    private Gstr1Csv() {
    }

    /** The sections a month has: {@code hsn} before May 2025, {@code hsn_b2b} and {@code hsn_b2c} from it. */
    static List<String> sections(boolean hsnSplit) {
        return hsnSplit ? List.of("b2b", "b2cl", "b2cs", "cdnr", "cdnur", "exp", "hsn_b2b", "hsn_b2c", "docs")
                : List.of("b2b", "b2cl", "b2cs", "cdnr", "cdnur", "exp", "hsn", "docs");
    }

    static Optional<String> of(Gstr1.Return r, String section) {
        if (section == null || !sections(r.hsnSplit()).contains(section)) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        switch (section) {
            case "b2b" -> {
                lines.add("GSTIN/UIN of Recipient,Receiver Name,Invoice Number,Invoice date,Invoice Value,Place Of Supply,Reverse Charge,"
                        + "Applicable % of Tax Rate,Invoice Type,E-Commerce GSTIN,Rate,Taxable Value,Cess Amount");
                for (Invoice i : r.b2b()) {
                    for (RateLine rate : i.rates()) {
                        lines.add(line(i.customerGstin(), i.customerName(), i.number(), i.date().format(DATE), money(i.value()),
                                PlaceOfSupply.label(i.placeOfSupply()), i.terms().reverseCharge() ? "Y" : "N", "", invoiceType(i.terms().supplyType()), "",
                                rate(rate.rate()), money(rate.taxable()), "0.00"));
                    }
                }
            }
            case "b2cl" -> {
                lines.add("Invoice Number,Invoice date,Invoice Value,Place Of Supply,Applicable % of Tax Rate,Rate,Taxable Value,Cess Amount,"
                        + "E-Commerce GSTIN");
                for (Invoice i : r.b2cl()) {
                    for (RateLine rate : i.rates()) {
                        lines.add(line(i.number(), i.date().format(DATE), money(i.value()), PlaceOfSupply.label(i.placeOfSupply()), "",
                                rate(rate.rate()), money(rate.taxable()), "0.00", ""));
                    }
                }
            }
            case "b2cs" -> {
                lines.add("Type,Place Of Supply,Applicable % of Tax Rate,Rate,Taxable Value,Cess Amount,E-Commerce GSTIN");
                r.b2cs().forEach(s -> lines.add(line(s.type(), PlaceOfSupply.label(s.placeOfSupply()), "", rate(s.rate()), money(s.taxable()),
                        "0.00", "")));
            }
            case "cdnr" -> cdnr(lines, r.cdnr());
            case "cdnur" -> cdnur(lines, r.cdnur());
            case "exp" -> exp(lines, r.exp());
            case "hsn" -> hsn(lines, r.hsn());
            case "hsn_b2b" -> hsn(lines, r.hsnB2b());
            case "hsn_b2c" -> hsn(lines, r.hsnB2c());
            default -> {
                lines.add("Nature of Document,Sr. No. From,Sr. No. To,Total Number,Cancelled");
                r.documents().forEach(d -> lines.add(line(d.nature(), d.from(), d.to(), Integer.toString(d.total()), Integer.toString(d.cancelled()))));
            }
        }
        return Optional.of(String.join("\r\n", lines) + "\r\n");
    }

    /** Table 9B, registered: a row per note and rate. */
    private static void cdnr(List<String> lines, List<Note> notes) {
        lines.add("GSTIN/UIN of Recipient,Receiver Name,Note Number,Note Date,Note Type,Place Of Supply,Reverse Charge,Note Supply Type,"
                + "Note Value,Applicable % of Tax Rate,Rate,Taxable Value,Cess Amount");
        for (Note n : notes) {
            for (RateLine rate : n.rates()) {
                lines.add(line(n.customerGstin(), n.customerName(), n.number(), n.date().format(DATE), n.noteType(),
                        PlaceOfSupply.label(n.placeOfSupply()), n.terms().reverseCharge() ? "Y" : "N", invoiceType(n.terms().supplyType()),
                        money(n.value()), "", rate(rate.rate()),
                        money(rate.taxable()), "0.00"));
            }
        }
    }

    /** Table 9B, unregistered: a row per note and rate. */
    private static void cdnur(List<String> lines, List<Note> notes) {
        lines.add("UR Type,Note Number,Note Date,Note Type,Place Of Supply,Note Value,Applicable % of Tax Rate,Rate,Taxable Value,Cess Amount");
        for (Note n : notes) {
            for (RateLine rate : n.rates()) {
                lines.add(line(n.urType(), n.number(), n.date().format(DATE), n.noteType(), PlaceOfSupply.label(n.placeOfSupply()),
                        money(n.value()), "", rate(rate.rate()), money(rate.taxable()), "0.00"));
            }
        }
    }

    /** The template's Invoice Type: SEZ supplies and deemed exports are entered in b2b with theirs. */
    private static String invoiceType(SupplyType type) {
        return switch (type) {
            case SEZWP -> "SEZ supplies with payment";
            case SEZWOP -> "SEZ supplies without payment";
            case DEXP -> "Deemed Exp";
            default -> "Regular B2B";
        };
    }

    /** Table 6A's template: per export invoice and rate, with its export type and shipping bill when known. */
    private static void exp(List<String> lines, List<Invoice> invoices) {
        lines.add("Export Type,Invoice Number,Invoice date,Invoice Value,Port Code,Shipping Bill Number,Shipping Bill Date,"
                + "Applicable % of Tax Rate,Rate,Taxable Value,Cess Amount");
        for (Invoice i : invoices) {
            for (RateLine rate : i.rates()) {
                lines.add(line(Gstr1PortalJson.exportType(i), i.number(), i.date().format(DATE), money(i.value()), i.terms().portCode(),
                        i.terms().shippingBillNumber(), i.terms().shippingBillDate() == null ? "" : i.terms().shippingBillDate().format(DATE),
                        "", rate(rate.rate()), money(rate.taxable()), "0.00"));
            }
        }
    }

    private static void hsn(List<String> lines, List<HsnRow> rows) {
        lines.add(HSN_HEADINGS);
        rows.forEach(h -> lines.add(line(h.hsnSac(), Gstr1PortalJson.description(h.description()), Uqc.withDescription(h.uqc()),
                h.quantity().toPlainString(), money(h.total()), rate(h.rate()), money(h.taxable()), money(h.igst()), money(h.cgst()),
                money(h.sgst()), "0.00")));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String rate(BigDecimal rate) {
        return Gstr1PortalJson.rate(rate).toPlainString();
    }
}
