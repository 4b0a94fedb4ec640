package io.ipsc.invoicing;

import java.util.List;
import java.util.Map;

import static io.ipsc.invoicing.InvoicingTest.as;

/**
 * A tenant's two customers (in Maharashtra, unregistered, like the tenant; in Karnataka with a GSTIN)
 * and two products (a widget sold by the kg at 12 %, bolts at 28 %), and the invoice the preview and
 * PDF tests issue to either: three rates, a discount, a fractional quantity, a free-text service line.
 */
record ThreeRateInvoice(int local, int outside, int widget, int bolt) {

    static ThreeRateInvoice create(String tenant, long admin, String run) {
        int local = InvoicingTest.customer(tenant, admin, Map.of("name", "Pune Retail", "state", "Maharashtra", "address_line1", "14 FC Road",
                "city", "Pune", "pincode", "411004"));
        int outside = InvoicingTest.customer(tenant, admin, Map.of("name", "Bengaluru Co", "gstin", "29AAGCB7383J1Z4",
                "address_line1", "80 MG Road", "city", "Bengaluru", "pincode", "560001"));
        int widget = as(admin, tenant).body(Map.of("sku", "W-" + run, "name", "Widget", "hsn_sac", "8471", "unit", "kg", "price", "333.33",
                "gst_rate", "12", "stock_quantity", "1000")).post("/api/products").then().statusCode(201).extract().path("data.id");
        int bolt = InvoicingTest.product(tenant, admin, "B-" + run, "7.15", "28", "10000");
        return new ThreeRateInvoice(local, outside, widget, bolt);
    }

    Map<String, Object> body(int customer) {
        return Map.of("customer_id", customer, "invoice_date", "2024-07-15", "due_date", "2024-08-14", "lines", List.of(
                Map.of("product_id", widget, "quantity", "2.5", "discount_percent", "7.5"),
                Map.of("product_id", bolt, "quantity", 13),
                Map.of("description", "Installation and training", "hsn_sac", "998719", "unit", "hrs", "quantity", 3,
                        "unit_price", "499.99", "gst_rate", 18, "discount_percent", 10)));
    }
}
