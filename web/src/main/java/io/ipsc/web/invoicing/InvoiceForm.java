package io.ipsc.web.invoicing;

import io.ipsc.client.model.InvoiceLineRequest;
import io.ipsc.client.model.InvoiceRequest;
import io.ipsc.client.model.InvoiceView;
import io.ipsc.client.model.LineView;
import io.ipsc.web.catalog.Picker.Choice;
import io.ipsc.web.page.Forms;
import org.jboss.resteasy.reactive.RestForm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invoice editor's form: the customer, and rows of product, quantity and discount (repeated fields,
 * row {@code i} being the i-th of each). A row without a product is not sent (a row just added and not
 * yet filled); the API's {@code lines[k].field} errors are put back at the row they came from.
 */
public class InvoiceForm {

    private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)]\\.?(.*)");

    @RestForm("customer_id") public String customerId = "";
    @RestForm public List<String> product = new ArrayList<>();
    @RestForm public List<String> quantity = new ArrayList<>();
    @RestForm public List<String> discount = new ArrayList<>();
    /** The supply's terms, where the customer's category takes them ({@link SupplyTerms}); a checkbox sends "true" when ticked. */
    @RestForm("reverse_charge") public String reverseCharge = "";
    @RestForm("with_payment_of_tax") public String withPaymentOfTax = "";
    @RestForm("export_currency") public String exportCurrency = "";
    @RestForm("export_country") public String exportCountry = "";
    @RestForm("port_code") public String portCode = "";
    @RestForm("shipping_bill_number") public String shippingBillNumber = "";
    @RestForm("shipping_bill_date") public String shippingBillDate = "";
    /** The category the page's terms were shown for. */
    @RestForm("terms_for") public String termsFor = "";

    private static final Set<String> TERM_FIELDS = Set.of("reverse_charge", "with_payment_of_tax", "export_currency", "export_country",
            "port_code", "shipping_bill_number", "shipping_bill_date");

    /** A row of the editor as the page shows it: the product chosen as its picker names it, and the API's errors for it. */
    public record Row(int index, String product, Choice choice, String quantity, String discount, String productError,
                      String quantityError, String discountError) {

        static Row blank(int index) {
            return new Row(index, "", Choice.NONE, "1", "", null, null, null);
        }

        public boolean invalid() {
            return productError != null || quantityError != null || discountError != null;
        }

        /** The product picker's field id and its error's (the preview replaces the latter out of band). */
        public String productField() {
            return "product-" + index;
        }

        public String productErrorId() {
            return "line-" + index + "-product-error";
        }
    }

    static InvoiceForm blank() {
        InvoiceForm form = new InvoiceForm();
        form.product.add("");
        form.quantity.add("1");
        form.discount.add("");
        return form;
    }

    /**
     * A draft as the editor shows it for a change: its customer and, per line, product, quantity and discount. Every
     * other figure is the API's again when it is saved (the product's rate and tax as they are then).
     */
    static InvoiceForm of(InvoiceView draft) {
        InvoiceForm form = new InvoiceForm();
        form.customerId = draft.getCustomerId() == null ? "" : draft.getCustomerId().toString();
        for (LineView line : draft.getLines() == null ? List.<LineView>of() : draft.getLines()) {
            form.product.add(line.getProductId() == null ? "" : line.getProductId().toString());
            form.quantity.add(plain(line.getQuantity()));
            form.discount.add(line.getDiscountPercent() == null || line.getDiscountPercent().signum() == 0 ? "" : plain(line.getDiscountPercent()));
        }
        form.reverseCharge = Boolean.TRUE.equals(draft.getReverseCharge()) ? "true" : "";
        form.withPaymentOfTax = "SEZWP".equals(draft.getSupplyType()) || "EXPWP".equals(draft.getSupplyType()) ? "true" : "";
        form.exportCurrency = Objects.toString(draft.getExportCurrency(), "");
        form.exportCountry = Objects.toString(draft.getExportCountry(), "");
        form.portCode = Objects.toString(draft.getPortCode(), "");
        form.shippingBillNumber = Objects.toString(draft.getShippingBillNumber(), "");
        form.shippingBillDate = Objects.toString(draft.getShippingBillDate(), "");
        if (form.product.isEmpty()) {
            form.product.add("");
            form.quantity.add("1");
            form.discount.add("");
        }
        return form;
    }

    /** Whether the editor can show every line of {@code draft}: a line without a product (billed by another module, or
     *  free text through the API) has no row here, and saving would drop it. */
    static boolean editable(InvoiceView draft) {
        return draft.getLines() != null && draft.getLines().stream().allMatch(l -> l.getProductId() != null);
    }

    /** The products chosen, as typed (the picker names them). */
    List<String> chosenProducts() {
        return list(product);
    }

    /** How many rows the form has (the index an added row takes). */
    int size() {
        return Math.max(list(product).size(), Math.max(list(quantity).size(), list(discount).size()));
    }

    InvoiceRequest toRequest() {
        InvoiceRequest request = new InvoiceRequest().customerId(number(customerId) == null ? null : number(customerId).longValue());
        List<InvoiceLineRequest> lines = new ArrayList<>();
        for (int row : sentRows()) {
            lines.add(new InvoiceLineRequest().productId(number(at(product, row)).longValue()).quantity(number(at(quantity, row)))
                    .discountPercent(number(at(discount, row))));
        }
        request.reverseCharge("true".equals(reverseCharge) ? Boolean.TRUE : null)
                .withPaymentOfTax("true".equals(withPaymentOfTax) ? Boolean.TRUE : null)
                .exportCurrency(text(exportCurrency)).exportCountry(text(exportCountry)).portCode(text(portCode)).shippingBillNumber(text(shippingBillNumber))
                .shippingBillDate(date(shippingBillDate));
        return request.lines(lines);
    }

    /** A text field of an export's terms as the editor shows it. */
    public record Field(String name, String label, String type, String value, String hint) {
    }

    /** The export's fields, in the order of the shipping documents. */
    public List<Field> exportFields() {
        return List.of(new Field("export_currency", "Currency", "text", exportCurrency, "USD"),
                new Field("export_country", "Country of destination", "text", exportCountry, "AE"),
                new Field("port_code", "Port code", "text", portCode, "INBOM1"),
                new Field("shipping_bill_number", "Shipping bill number", "text", shippingBillNumber, null),
                new Field("shipping_bill_date", "Shipping bill date", "date", shippingBillDate, null));
    }

    /** Whether a box is ticked, for the template. */
    public boolean ticked(String box) {
        return "true".equals(box);
    }

    List<Row> rows(Map<String, String> errors) {
        return rows(errors, Map.of());
    }

    /**
     * The rows with the API's {@code errors} at each, each product named as in {@code chosen} (by id); an error about
     * {@code lines} as a whole goes to the first row's product.
     */
    List<Row> rows(Map<String, String> errors, Map<String, Choice> chosen) {
        List<Integer> sent = sentRows();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(1, size()); i++) {
            int line = sent.indexOf(i);
            String prefix = "lines[" + line + "].";
            String productError = line < 0 ? null : first(errors, prefix + "product_id", prefix + "description", prefix + "unit_price",
                    prefix + "gst_rate", prefix + "unit", "lines[" + line + "]");
            if (i == 0 && productError == null) {
                productError = errors.get("lines");
            }
            rows.add(new Row(i, at(product, i), chosen.getOrDefault(at(product, i), Choice.NONE), at(quantity, i), at(discount, i), productError,
                    line < 0 ? null : errors.get(prefix + "quantity"), line < 0 ? null : errors.get(prefix + "discount_percent")));
        }
        return rows;
    }

    /** The row whose product is {@code productId}, for a refusal that names a product rather than a field. */
    int rowOf(long productId) {
        for (int i = 0; i < list(product).size(); i++) {
            BigDecimal chosen = number(product.get(i));
            if (chosen != null && chosen.longValue() == productId) {
                return i;
            }
        }
        return -1;
    }

    /** {@code errors} with {@code message} at the quantity of row {@code row} (the field a stock refusal concerns). */
    Map<String, String> withQuantityError(Map<String, String> errors, int row, String message) {
        int line = sentRows().indexOf(row);
        if (line < 0) {
            return errors;
        }
        Map<String, String> all = new java.util.LinkedHashMap<>(errors);
        all.put("lines[" + line + "].quantity", message);
        return all;
    }

    /** Whether {@code field} (an API field name) is one this form shows at a field of its own. */
    static boolean shownAtField(String field) {
        Matcher m = LINE_FIELD.matcher(field);
        return field.equals("customer_id") || field.equals("lines") || TERM_FIELDS.contains(field) || m.matches();
    }

    private List<Integer> sentRows() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < list(product).size(); i++) {
            BigDecimal chosen = number(product.get(i));
            if (chosen != null) {
                rows.add(i);
            }
        }
        return rows;
    }

    /** A repeated field the browser did not send at all is read as none. */
    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String first(Map<String, String> errors, String... fields) {
        for (String field : fields) {
            if (errors.containsKey(field)) {
                return errors.get(field);
            }
        }
        return null;
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() && values.get(i) != null ? values.get(i).trim() : "";
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A date input's ISO date; anything else is not sent (the browser's date field sends nothing else). */
    private static LocalDate date(String value) {
        try {
            return text(value) == null ? null : LocalDate.parse(value.trim());
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    /** A typed number, or null when blank or not a number (the API then says what it needs). */
    static BigDecimal number(String text) {
        return Forms.number(text);
    }
}
