package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.gst.GstSlabs;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What an invoice body must be before anything is looked up: its lines within what a line stores, its dates in order, its export terms well formed. */
@ApplicationScoped
public class InvoiceValidation {

    /** ISO 3166 alpha-2 codes as the JDK knows them, India left out: the e-invoice's {@code ExpDtls.CntCode} names where goods go. */
    private static final Set<String> EXPORT_COUNTRIES = Stream.of(Locale.getISOCountries()).filter(c -> !c.equals("IN"))
            .collect(Collectors.toUnmodifiableSet());
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("99999999999.999");
    private static final BigDecimal MAX_PRICE = new BigDecimal("999999999999.99");

    private final GstSlabs slabs;

    public InvoiceValidation(GstSlabs slabs) {
        this.slabs = slabs;
    }

    /** Refuses, with every bad field at once, a body that creating or previewing could not store. */
    void check(InvoiceRequest r) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the invoice as JSON");
        }
        if (r.customerId() == null) {
            errors.add(new ErrorDetail("customer_id", "customer_id is required"));
        }
        if (r.lines() == null || r.lines().isEmpty()) {
            errors.add(new ErrorDetail("lines", "an invoice needs at least one line"));
        } else {
            for (int i = 0; i < r.lines().size(); i++) {
                InvoiceRequest.Line l = r.lines().get(i);
                String at = "lines[" + i + "].";
                if (l == null) {
                    errors.add(new ErrorDetail("lines[" + i + "]", "a line must be an object"));
                    continue;
                }
                // The limits of what a line stores (numeric(14,3), numeric(14,2), varchar): a preview refuses what creating would.
                if (l.quantity() == null || l.quantity().signum() <= 0 || l.quantity().scale() > 3
                        || l.quantity().compareTo(MAX_QUANTITY) > 0) {
                    errors.add(new ErrorDetail(at + "quantity", "quantity must be more than zero, at most " + MAX_QUANTITY.toPlainString()
                            + ", with at most three decimals"));
                }
                if (l.productId() == null && (l.description() == null || l.description().isBlank())) {
                    errors.add(new ErrorDetail(at + "description", "a line without product_id needs a description"));
                }
                if (l.description() != null && (l.description().length() > 500 || l.description().indexOf('\0') >= 0)) {
                    errors.add(new ErrorDetail(at + "description", "description must be at most 500 characters, without NUL"));
                }
                if (l.unit() != null && (l.unit().isBlank() || l.unit().trim().length() > 16 || l.unit().indexOf('\0') >= 0)) {
                    errors.add(new ErrorDetail(at + "unit", "unit must be 1 to 16 characters (nos, kg, hrs, ...)"));
                }
                if (l.productId() == null && l.unitPrice() == null) {
                    errors.add(new ErrorDetail(at + "unit_price", "a line without product_id needs a unit_price"));
                }
                if (l.productId() == null && l.gstRate() == null) {
                    errors.add(new ErrorDetail(at + "gst_rate", "a line without product_id needs a gst_rate"));
                }
                if (l.unitPrice() != null && (l.unitPrice().signum() < 0 || l.unitPrice().scale() > 2 || l.unitPrice().compareTo(MAX_PRICE) > 0)) {
                    errors.add(new ErrorDetail(at + "unit_price", "unit_price must be zero or more, at most " + MAX_PRICE.toPlainString()
                            + ", with at most two decimals"));
                }
                if (l.gstRate() != null && !slabs.allowed(l.gstRate())) {
                    errors.add(new ErrorDetail(at + "gst_rate", "gst_rate must be one of " + slabs.describe()));
                }
                if (l.discountPercent() != null && (l.discountPercent().signum() < 0 || l.discountPercent().compareTo(new BigDecimal("100")) > 0
                        || l.discountPercent().scale() > 2)) {
                    errors.add(new ErrorDetail(at + "discount_percent", "discount_percent must be between 0 and 100, with at most two decimals"));
                }
                if (l.hsnSac() != null && !l.hsnSac().matches("^(\\d{4}|\\d{6}|\\d{8})$")) {
                    errors.add(new ErrorDetail(at + "hsn_sac", "hsn_sac must be 4, 6 or 8 digits"));
                }
            }
        }
        if (r.dueDate() != null && r.invoiceDate() != null && r.dueDate().isBefore(r.invoiceDate())) {
            errors.add(new ErrorDetail("due_date", "due_date may not be before invoice_date"));
        }
        exportTerms(r, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** An export's terms as the e-invoice schema and GSTR-1's {@code exp} take them. */
    private static void exportTerms(InvoiceRequest r, List<ErrorDetail> errors) {
        if (r.exportCurrency() != null && !r.exportCurrency().trim().matches("^[A-Z]{3}$")) {
            errors.add(new ErrorDetail("export_currency", "export_currency must be an ISO 4217 code such as USD"));
        }
        if (r.portCode() != null && !r.portCode().trim().matches("^[A-Z0-9]{6}$")) {
            errors.add(new ErrorDetail("port_code", "port_code must be the 6-character Indian port code, e.g. INBOM1"));
        }
        if (r.shippingBillNumber() != null && !r.shippingBillNumber().trim().matches("^[0-9]{1,7}$")) {
            errors.add(new ErrorDetail("shipping_bill_number", "shipping_bill_number must be 1 to 7 digits"));
        }
        if (r.shippingBillDate() != null && r.invoiceDate() != null && r.shippingBillDate().isBefore(r.invoiceDate())) {
            errors.add(new ErrorDetail("shipping_bill_date", "shipping_bill_date may not be before invoice_date"));
        }
        if (r.exportCountry() != null && !EXPORT_COUNTRIES.contains(r.exportCountry().trim())) {
            errors.add(new ErrorDetail("export_country", "export_country must be an ISO 3166 two-letter country code other than IN, such as US"));
        }
    }
}
