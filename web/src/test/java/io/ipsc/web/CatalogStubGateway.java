package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the catalog and purchasing pages' tests: sign-in as {@link StubGateway} answers it
 * (the platform admin may write; the member is smile-dental's viewer), and invoicing-service's answers for two
 * products (one at its reorder level), a product refused for its SKU, a customer and a vendor, the party check
 * (a GSTIN of Maharashtra accepted, anything else refused), purchase 9 (part paid), a purchase refused for a
 * line's GST rate, and an overpayment refused. Every call is noted with its query and body.
 */
public class CatalogStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final String GOOD_GSTIN = "27AAPFU0939F1ZV";

    private static final String TENANT = """
            {"id":7,"slug":"smile-dental","name":"Smile Dental Clinic","organization_type":"dental_clinic","status":"active",
             "features":{"invoicing":true},"created_at":"2024-01-15T20:00:00Z"}""";
    private static final String VALVE = """
            {"id":12,"sku":"BRASS-VALVE","name":"Brass valve","hsn_sac":"8481","unit":"nos","price":12500,"gst_rate":18,
             "stock_quantity":2,"reorder_level":5,"service":false}""";
    private static final String PIPE = """
             {"id":13,"sku":"PIPE-20","name":"Copper pipe 20 mm","hsn_sac":"7411","unit":"m","price":450.5,"gst_rate":12,"cost":380,
              "stock_quantity":120,"reorder_level":10,"service":false}""";
    private static final String PRODUCTS = "[" + VALVE + ",\n" + PIPE + "]";
    private static final String CUSTOMER = """
            {"id":3,"kind":"customer","name":"Kaveri Traders","gstin":"29AAGCB7383J1Z4","state":"Karnataka","state_code":"29","city":"Bengaluru"}""";
    private static final String VENDOR = """
            {"id":4,"kind":"vendor","name":"Pune Metals","gstin":"27AAPFU0939F1ZV","state":"Maharashtra","state_code":"27","city":"Pune"}""";
    private static final String PURCHASE = """
            {"id":9,"vendor_id":4,"bill_number":"PM/778","bill_date":"2026-11-20","due_date":"2026-12-20","status":"partially_paid",
             "inter_state":true,"taxable_amount":50000,"cgst":0,"sgst":0,"igst":9000,"round_off":0,"total":59000,"amount_paid":20000,
             "balance_due":39000}""";
    /** Purchase 9 as GET /purchases/{id} answers it: with its lines and the payment made. */
    private static final String PURCHASE_IN_FULL = PURCHASE.substring(0, PURCHASE.lastIndexOf('}')) + """
            ,"lines":[{"position":1,"product_id":12,"description":"Brass valve","hsn_sac":"8481","quantity":4,"unit_price":12500,
             "gst_rate":18,"taxable_amount":50000,"tax_amount":9000,"total":59000}],
             "payments":[{"id":31,"amount":20000,"mode":"bank_transfer","reference":"NEFT-4471","paid_on":"2026-11-25"}]}""";

    public CatalogStubGateway() {
        super(CatalogStubGateway::route);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body));
        final String tenant = "/api/tenants/smile-dental";
        String compact = body.replace(" ", "");
        String data = switch (exchange.getRequestMethod() + " " + path) {
            case "GET " + tenant -> TENANT;
            case "GET " + tenant + "/branding" -> "{\"company_name\":\"Smile Dental Clinic\",\"primary_color\":\"#1565c0\"}";
            case "GET " + tenant + "/products" -> page(PRODUCTS, 2);
            case "GET " + tenant + "/products/12" -> VALVE;
            case "GET " + tenant + "/products/13" -> PIPE;
            case "POST " + tenant + "/products" -> compact.contains("\"sku\":\"BRASS-VALVE\"") ? "duplicate-sku" : "{\"id\":14}";
            case "GET " + tenant + "/customers" -> page("[" + CUSTOMER + "]", 1);
            case "GET " + tenant + "/vendors" -> page("[" + VENDOR + "]", 1);
            case "GET " + tenant + "/vendors/4" -> VENDOR;
            case "GET " + tenant + "/customers/3" -> CUSTOMER.replace("}", ",\"gst_category\":\"sez\"}");
            case "POST " + tenant + "/customers" -> compact.contains("\"gst_category\":\"deemed_export\"") && !compact.contains("\"gstin\"")
                    ? "deemed-without-gstin" : CUSTOMER;
            case "POST " + tenant + "/customers/check", "POST " + tenant + "/vendors/check" -> compact.contains(GOOD_GSTIN)
                    ? "{\"valid\":true,\"problems\":[],\"warnings\":[],\"state_code\":\"27\",\"gstin_state\":\"Maharashtra\"}"
                    : "{\"valid\":false,\"problems\":[{\"field\":\"gstin\",\"message\":\"GSTIN must be 15 characters\"}],\"warnings\":[]}";
            case "GET " + tenant + "/purchases" -> page("[" + PURCHASE + "]", 1);
            case "GET " + tenant + "/purchases/9" -> PURCHASE_IN_FULL;
            case "POST " + tenant + "/purchases" -> compact.contains("\"gst_rate\":7") ? "bad-rate" : PURCHASE;
            case "POST " + tenant + "/purchases/9/payments" -> "overpayment";
            default -> "missing";
        };
        switch (data) {
            case "duplicate-sku" -> StubGateway.answer(exchange, 400, """
                    {"success":false,"data":null,"message":"Validation failed","error":{"code":"VALIDATION_ERROR",
                     "details":[{"field":"sku","message":"A product with sku 'BRASS-VALVE' already exists"}]}}""", null);
            case "bad-rate" -> StubGateway.answer(exchange, 400, """
                    {"success":false,"data":null,"message":"Validation failed","error":{"code":"VALIDATION_ERROR",
                     "details":[{"field":"lines[0].gst_rate","message":"gst_rate must be one of 0, 5, 12, 18, 28"}]}}""", null);
            case "deemed-without-gstin" -> StubGateway.answer(exchange, 400, """
                    {"success":false,"data":null,"message":"Validation failed","error":{"code":"VALIDATION_ERROR",
                     "details":[{"field":"gstin","message":"a deemed_export party needs a GSTIN"}]}}""", null);
            case "overpayment" -> StubGateway.answer(exchange, 422, StubGateway.error("OVERPAYMENT", "Purchase 9 has 39000.00 outstanding"), null);
            case "missing" -> StubGateway.answer(exchange, 404, StubGateway.error("NOT_FOUND", "Nothing here"), null);
            default -> StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
        }
    }

    private static String page(String items, int total) {
        return "{\"items\":" + items + ",\"page\":1,\"size\":20,\"total_items\":" + total + ",\"total_pages\":1}";
    }
}
