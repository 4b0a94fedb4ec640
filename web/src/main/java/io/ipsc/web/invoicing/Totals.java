package io.ipsc.web.invoicing;

import io.ipsc.client.model.InvoicePreview;
import io.ipsc.client.model.InvoiceView;
import io.ipsc.client.model.LineView;
import io.ipsc.web.format.IndianFormats;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An invoice's figures as the API computed them (a preview or a saved invoice), written for reading:
 * nothing is added up here. {@code interState} chooses IGST or CGST+SGST, as the API decided.
 */
public record Totals(String placeOfSupply, boolean interState, String taxable, String cgst, String sgst, String igst,
                     String roundOff, String total, String words, List<Line> lines) {

    /** A line as the API priced it. */
    public record Line(String description, String hsn, String quantity, String unitPrice, String discount, String taxable,
                       String rate, String cgst, String sgst, String igst, String total) {
    }

    static Totals of(InvoicePreview p) {
        return new Totals(place(p.getPlaceOfSupplyName(), p.getPlaceOfSupply()), Boolean.TRUE.equals(p.getInterState()), IndianFormats.rupees(p.getTaxableAmount()),
                IndianFormats.rupees(p.getCgst()), IndianFormats.rupees(p.getSgst()), IndianFormats.rupees(p.getIgst()),
                IndianFormats.rupees(p.getRoundOff()), IndianFormats.rupees(p.getTotal()), text(p.getAmountInWords()), lines(p.getLines()));
    }

    static Totals of(InvoiceView v) {
        return new Totals(place(v.getPlaceOfSupplyName(), v.getPlaceOfSupply()), Boolean.TRUE.equals(v.getInterState()), IndianFormats.rupees(v.getTaxableAmount()),
                IndianFormats.rupees(v.getCgst()), IndianFormats.rupees(v.getSgst()), IndianFormats.rupees(v.getIgst()),
                IndianFormats.rupees(v.getRoundOff()), IndianFormats.rupees(v.getTotal()), text(v.getAmountInWords()), lines(v.getLines()));
    }

    private static List<Line> lines(List<LineView> lines) {
        return lines == null ? List.of() : lines.stream().map(l -> new Line(text(l.getDescription()), text(l.getHsnSac()),
                plain(l.getQuantity()) + (l.getUnit() == null ? "" : " " + l.getUnit()), IndianFormats.rupees(l.getUnitPrice()),
                plain(l.getDiscountPercent()) + "%", IndianFormats.rupees(l.getTaxableAmount()), plain(l.getGstRate()) + "%",
                IndianFormats.rupees(l.getCgst()), IndianFormats.rupees(l.getSgst()), IndianFormats.rupees(l.getIgst()),
                IndianFormats.rupees(l.getTotal()))).toList();
    }

    /** The place of supply as a person reads it: the state's name with its GST code ("Karnataka (29)"). */
    private static String place(String name, String code) {
        return name == null ? text(code) : name + (code == null ? "" : " (" + code + ")");
    }

    private static String plain(BigDecimal value) {
        return value == null ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String text(Object value) {
        return Objects.toString(value, "—");
    }
}
