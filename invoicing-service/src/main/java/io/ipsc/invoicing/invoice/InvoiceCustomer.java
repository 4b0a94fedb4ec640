package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.gst.GstCategory;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;

import java.util.ArrayList;
import java.util.List;

/** The customer an invoice names: its GST state (null when unknown) decides the place of supply, its category the supply type. */
record InvoiceCustomer(String stateCode, GstCategory category) {

    /** The supply type of this body for this customer, refusing the terms the customer's category does not take. */
    SupplyType supplyType(InvoiceRequest r) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (Boolean.TRUE.equals(r.reverseCharge()) && (category == GstCategory.UNREGISTERED || category == GstCategory.OVERSEAS)) {
            errors.add(new ErrorDetail("reverse_charge", "reverse charge applies to supplies to registered persons, not to a "
                    + category.code() + " customer"));
        }
        if (Boolean.TRUE.equals(r.withPaymentOfTax()) && !category.zeroRated()) {
            errors.add(new ErrorDetail("with_payment_of_tax", "with_payment_of_tax is for SEZ and export (overseas) customers; this one is "
                    + category.code()));
        }
        if (category != GstCategory.OVERSEAS) {
            exportOnly(errors, "export_currency", r.exportCurrency());
            exportOnly(errors, "port_code", r.portCode());
            exportOnly(errors, "shipping_bill_number", r.shippingBillNumber());
            exportOnly(errors, "shipping_bill_date", r.shippingBillDate());
            exportOnly(errors, "export_country", r.exportCountry());
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return SupplyType.of(category, Boolean.TRUE.equals(r.withPaymentOfTax()));
    }

    private static void exportOnly(List<ErrorDetail> errors, String field, Object value) {
        if (value != null) {
            errors.add(new ErrorDetail(field, field + " is for exports: the customer's gst_category must be overseas"));
        }
    }
}
