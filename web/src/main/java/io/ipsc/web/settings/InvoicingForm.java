package io.ipsc.web.settings;

import io.ipsc.client.model.InvoicingSettings;
import io.ipsc.client.model.InvoicingSettingsChange;
import org.jboss.resteasy.reactive.RestForm;

import java.util.Objects;

/**
 * The invoicing settings' fields under invoicing-service's names (so its field errors land at the field).
 * Every field is sent as it stands: an emptied one goes back to its default (the API's rule for "").
 */
public class InvoicingForm {

    @RestForm("invoice_prefix") public String invoicePrefix = "";
    @RestForm("allow_negative_stock") public String allowNegativeStock = "";
    @RestForm("upi_id") public String upiId = "";
    @RestForm("payee_name") public String payeeName = "";
    @RestForm("brand_color") public String brandColor = "";
    @RestForm("supplier_address") public String supplierAddress = "";

    static InvoicingForm of(InvoicingSettings settings) {
        InvoicingForm form = new InvoicingForm();
        form.invoicePrefix = text(settings.getInvoicePrefix());
        form.allowNegativeStock = Boolean.TRUE.equals(settings.getAllowNegativeStock()) ? "true" : "";
        form.upiId = text(settings.getUpiId());
        form.payeeName = text(settings.getPayeeName());
        form.brandColor = text(settings.getBrandColor());
        form.supplierAddress = text(settings.getSupplierAddress());
        return form;
    }

    public boolean negativeStock() {
        return "true".equals(allowNegativeStock);
    }

    InvoicingSettingsChange toChange() {
        return new InvoicingSettingsChange().invoicePrefix(text(invoicePrefix).trim()).allowNegativeStock(negativeStock())
                .upiId(text(upiId).trim()).payeeName(text(payeeName).trim()).brandColor(text(brandColor).trim())
                .supplierAddress(text(supplierAddress).trim());
    }

    private static String text(String value) {
        return Objects.toString(value, "");
    }
}
