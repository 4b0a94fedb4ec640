package io.ipsc.invoicing.einvoice;

import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.gst.PlaceOfSupply;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.gst.Uqc;
import io.ipsc.invoicing.invoice.InvoiceView;
import io.ipsc.invoicing.invoice.NoteView;
import io.ipsc.invoicing.party.PartyView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An issued invoice, or a credit or debit note on one, as the e-invoice schema (INV-01, version 1.1, notified under Rule 48(4) CGST Rules) writes it for
 * an Invoice Registration Portal: {@code TranDtls} (tax scheme GST, supply type, reverse charge), {@code DocDtls},
 * the seller and buyer, one {@code ItemList} entry per line and {@code ValDtls}, with {@code ExpDtls} for an export.
 * Pure: the figures are the invoice's as stored, nothing is computed again but a line's gross value (quantity ×
 * price, as the tax invoice prints it) and its discount (gross less taxable). Optional fields the tenant has not
 * given are left out rather than sent empty, as the IRP refuses empty strings.
 */
public final class EInvoiceJson {

    static final String VERSION = "1.1";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** An overseas buyer has no GSTIN: the schema's "unregistered person", with the PIN the IRP asks for abroad. */
    private static final String UNREGISTERED_PERSON = "URP";
    private static final int PIN_ABROAD = 999999;
    private static final Pattern PIN = Pattern.compile("\\b([1-9][0-9]{5})\\b");

    private EInvoiceJson() {
    }

    /** The supplier as the tenant is known: its name, GSTIN, state code and address lines (the invoicing settings' address). */
    public record Seller(String name, String gstin, String stateCode, List<String> address) {
    }

    public static Map<String, Object> of(InvoiceView inv, Seller seller, PartyView buyer) {
        return document(inv, map("Typ", "INV", "No", inv.number(), "Dt", DATE.format(inv.invoiceDate())), seller, buyer, items(inv),
                values(inv.taxableAmount(), inv.cgst(), inv.sgst(), inv.igst(), inv.roundOff(), inv.total()));
    }

    /**
     * A credit ({@code CRN}) or debit ({@code DBN}) note on an e-invoiced supply: its supply type, reverse charge, buyer and
     * export details are its invoice's; {@code RefDtls.PrecDocDtls} names that invoice (CGST Rule 53(1A)). A line by
     * quantity carries it, priced at its taxable value per unit; a line by value (a price change) has no quantity and its
     * value as its price, as india-compliance writes both (no discount: the note's value is net). The credit note that
     * cancelled a whole invoice has no lines of its own: its items are the invoice's.
     */
    public static Map<String, Object> ofNote(NoteView note, String documentType, InvoiceView inv, Seller seller, PartyView buyer) {
        Map<String, Object> json = document(inv, map("Typ", documentType, "No", note.number(), "Dt", DATE.format(note.noteDate())), seller, buyer,
                note.cancelsInvoice() ? items(inv) : items(note),
                values(note.taxableAmount(), note.cgst(), note.sgst(), note.igst(), note.roundOff(), note.total()));
        json.put("RefDtls", map("PrecDocDtls", List.of(map("InvNo", inv.number(), "InvDt", DATE.format(inv.invoiceDate())))));
        return json;
    }

    /** An invoice's lines as sold: gross is quantity × price, as the tax invoice prints it, the discount gross less taxable. */
    private static List<Map<String, Object>> items(InvoiceView inv) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (InvoiceView.LineView l : inv.lines()) {
            items.add(item(l.position(), l.description(), l.hsnSac(), l.unit(), l.quantity(), l.unitPrice(),
                    GstCalculator.value(l.quantity(), l.unitPrice()), l.taxableAmount(), l.gstRate(), l.igst(), l.cgst(), l.sgst(), l.total()));
        }
        return items;
    }

    private static List<Map<String, Object>> items(NoteView note) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (NoteView.Line l : note.lines()) {
            BigDecimal quantity = l.quantity() == null ? BigDecimal.ZERO : l.quantity();
            BigDecimal price = l.quantity() == null ? l.taxableAmount() : l.taxableAmount().divide(l.quantity(), 3, RoundingMode.HALF_UP);
            items.add(item(l.position(), l.description(), l.hsnSac(), l.unit(), quantity, price, l.taxableAmount(), l.taxableAmount(),
                    l.gstRate(), l.igst(), l.cgst(), l.sgst(), l.total()));
        }
        return items;
    }

    private static Map<String, Object> values(BigDecimal taxable, BigDecimal cgst, BigDecimal sgst, BigDecimal igst, BigDecimal roundOff,
                                              BigDecimal total) {
        return map("AssVal", taxable, "CgstVal", cgst, "SgstVal", sgst, "IgstVal", igst, "CesVal", BigDecimal.ZERO, "RndOffAmt", roundOff,
                "TotInvVal", total);
    }

    /** The parts every document has, in the schema's order; the supply's terms are the invoice's. */
    private static Map<String, Object> document(InvoiceView inv, Map<String, Object> docDtls, Seller seller, PartyView buyer,
                                                List<Map<String, Object>> items, Map<String, Object> values) {
        SupplyType type = SupplyType.valueOf(inv.supplyType());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Version", VERSION);
        json.put("TranDtls", map("TaxSch", "GST", "SupTyp", type.name(), "RegRev", inv.reverseCharge() ? "Y" : "N", "IgstOnIntra", "N"));
        json.put("DocDtls", docDtls);
        json.put("SellerDtls", seller(seller));
        json.put("BuyerDtls", buyer(inv, buyer, type));
        json.put("ItemList", items);
        json.put("ValDtls", values);
        if (type.export()) {
            Map<String, Object> exp = map("ShipBNo", inv.shippingBillNumber(),
                    "ShipBDt", inv.shippingBillDate() == null ? null : DATE.format(inv.shippingBillDate()), "Port", inv.portCode(),
                    // A refund of the IGST paid on an export is claimed through the shipping bill (Rule 96).
                    "RefClm", type == SupplyType.EXPWP ? "Y" : "N", "ForCur", inv.exportCurrency(),
                    "CntCode", inv.exportCountry());
            json.put("ExpDtls", exp);
        }
        return json;
    }

    private static Map<String, Object> item(int position, String description, String hsnSac, String unit, BigDecimal quantity,
                                            BigDecimal unitPrice, BigDecimal gross, BigDecimal taxable, BigDecimal gstRate, BigDecimal igst,
                                            BigDecimal cgst, BigDecimal sgst, BigDecimal total) {
        boolean service = hsnSac != null && hsnSac.startsWith("99");
        Map<String, Object> item = map("SlNo", Integer.toString(position), "PrdDesc", description, "IsServc", service ? "Y" : "N",
                "HsnCd", hsnSac, "Qty", quantity.setScale(3, RoundingMode.UNNECESSARY));
        // A service's quantity has no unit in the GSTN's list: the schema leaves Unit out for it.
        if (!service) {
            item.put("Unit", Uqc.reported(unit, hsnSac));
        }
        item.putAll(map("UnitPrice", unitPrice.setScale(3, RoundingMode.UNNECESSARY), "TotAmt", gross,
                "Discount", gross.subtract(taxable), "AssAmt", taxable, "GstRt", rate(gstRate),
                "IgstAmt", igst, "CgstAmt", cgst, "SgstAmt", sgst, "CesRt", BigDecimal.ZERO, "CesAmt", BigDecimal.ZERO,
                "TotItemVal", total));
        return item;
    }

    private static Map<String, Object> seller(Seller s) {
        Map<String, Object> m = map("Gstin", s.gstin(), "LglNm", s.name());
        address(m, s.address(), null, null);
        m.put("Stcd", s.stateCode());
        return m;
    }

    private static Map<String, Object> buyer(InvoiceView inv, PartyView b, SupplyType type) {
        Map<String, Object> m = map("Gstin", type.export() ? UNREGISTERED_PERSON : b.gstin(), "LglNm", b.name(), "Pos", inv.placeOfSupply());
        List<String> lines = new ArrayList<>();
        if (b.addressLine1() != null) {
            lines.add(b.addressLine1());
        }
        if (b.addressLine2() != null) {
            lines.add(b.addressLine2());
        }
        address(m, lines, b.city(), type.export() ? Integer.valueOf(PIN_ABROAD) : b.pincode() == null ? null : Integer.valueOf(b.pincode()));
        m.put("Stcd", type.export() ? PlaceOfSupply.OTHER_COUNTRIES : b.stateCode());
        if (b.phone() != null) {
            m.put("Ph", b.phone().replaceAll("\\D", ""));
        }
        if (b.email() != null) {
            m.put("Em", b.email());
        }
        return m;
    }

    /** Addr1, Addr2, Loc and Pin; a free-text address gives its first two lines and the PIN written in it. */
    private static void address(Map<String, Object> m, List<String> lines, String city, Integer pin) {
        if (!lines.isEmpty()) {
            m.put("Addr1", lines.get(0));
        }
        if (lines.size() > 1) {
            m.put("Addr2", lines.get(1));
        }
        if (city != null) {
            m.put("Loc", city);
        } else if (lines.size() > 2) {
            m.put("Loc", lines.get(lines.size() - 1));
        }
        Integer found = pin;
        if (found == null) {
            Matcher match = PIN.matcher(String.join(" ", lines));
            found = match.find() ? Integer.valueOf(match.group(1)) : null;
        }
        if (found != null) {
            m.put("Pin", found);
        }
    }

    /** 18, not 18.00: the schema's GstRt is a number. */
    private static BigDecimal rate(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A map from key/value pairs in their order, without the null values. */
    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }
}
