package io.ipsc.web.purchasing;

import io.ipsc.client.model.ProductView;
import io.ipsc.client.model.PurchaseLineRequest;
import io.ipsc.client.model.PurchaseRequest;
import io.ipsc.web.catalog.Picker.Choice;
import io.ipsc.web.page.Forms;
import org.jboss.resteasy.reactive.RestForm;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A purchase as typed: the vendor, its bill's number and dates, and rows of product, quantity, rate paid and
 * GST rate (repeated fields, row {@code i} being the i-th of each). A row without a product is not sent; the
 * API's {@code lines[k].field} errors are put back at the row they came from.
 */
public class PurchaseForm {

    @RestForm("vendor_id") public String vendorId = "";
    @RestForm("bill_number") public String billNumber = "";
    @RestForm("bill_date") public String billDate = "";
    @RestForm("due_date") public String dueDate = "";
    @RestForm public List<String> product = new ArrayList<>();
    @RestForm public List<String> quantity = new ArrayList<>();
    @RestForm("unit_price") public List<String> unitPrice = new ArrayList<>();
    @RestForm("gst_rate") public List<String> gstRate = new ArrayList<>();

    /** A row as the page shows it: the product chosen as its picker names it, and the API's errors for it. */
    public record Row(int index, String product, Choice choice, String quantity, String unitPrice, String gstRate, String productError,
                      String quantityError, String unitPriceError, String gstRateError) {

        static Row blank(int index) {
            return new Row(index, "", Choice.NONE, "1", "", "", null, null, null, null);
        }

        public String productField() {
            return "product-" + index;
        }

        public String productErrorId() {
            return "line-" + index + "-product-error";
        }
    }

    static PurchaseForm blank() {
        PurchaseForm form = new PurchaseForm();
        form.billDate = LocalDate.now(java.time.ZoneId.of("Asia/Kolkata")).toString();
        form.product.add("");
        form.quantity.add("1");
        form.unitPrice.add("");
        form.gstRate.add("");
        return form;
    }

    int size() {
        return Math.max(Math.max(list(product).size(), list(quantity).size()), Math.max(list(unitPrice).size(), list(gstRate).size()));
    }

    /** The products chosen, as typed (the picker names them). */
    List<String> chosenProducts() {
        return list(product);
    }

    /** The body; each line takes its product's name and HSN from {@code products} by id (the vendor's bill names them so too). */
    PurchaseRequest toRequest(Map<String, ProductView> products) {
        List<PurchaseLineRequest> lines = new ArrayList<>();
        for (int row : sentRows()) {
            Long id = Forms.id(at(product, row));
            ProductView p = products.get(id.toString());
            lines.add(new PurchaseLineRequest().productId(id).description(p == null ? null : p.getName())
                    .hsnSac(p == null ? null : p.getHsnSac()).quantity(Forms.number(at(quantity, row)))
                    .unitPrice(Forms.number(at(unitPrice, row))).gstRate(Forms.number(at(gstRate, row))));
        }
        return new PurchaseRequest().vendorId(Forms.id(vendorId)).billNumber(Forms.text(billNumber)).billDate(date(billDate))
                .dueDate(date(dueDate)).lines(lines);
    }

    /** The rows with the API's {@code errors} at each, each product named as in {@code chosen} (by id); an error about the
     *  lines as a whole goes to the first row's product. */
    List<Row> rows(Map<String, String> errors, Map<String, Choice> chosen) {
        List<Integer> sent = sentRows();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(1, size()); i++) {
            int line = sent.indexOf(i);
            String at = "lines[" + line + "].";
            String productError = line < 0 ? null : errors.getOrDefault(at + "product_id", errors.get(at + "description"));
            if (i == 0 && productError == null) {
                productError = errors.get("lines");
            }
            rows.add(new Row(i, at(product, i), chosen.getOrDefault(at(product, i), Choice.NONE), at(quantity, i), at(unitPrice, i), at(gstRate, i), productError,
                    line < 0 ? null : errors.get(at + "quantity"), line < 0 ? null : errors.get(at + "unit_price"),
                    line < 0 ? null : errors.get(at + "gst_rate")));
        }
        return rows;
    }

    private List<Integer> sentRows() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < list(product).size(); i++) {
            if (Forms.id(product.get(i)) != null) {
                rows.add(i);
            }
        }
        return rows;
    }

    /** A date as the browser's date field sends it (2026-11-29), or null (then the API's default: today). */
    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() && values.get(i) != null ? values.get(i).trim() : "";
    }
}
