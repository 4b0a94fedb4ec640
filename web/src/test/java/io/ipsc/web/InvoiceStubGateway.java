package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the invoice pages' tests: sign-in as {@link StubGateway} answers it (the
 * platform admin may write; the member is smile-dental's viewer), and invoicing-service's answers for
 * one customer, one product, a preview (refused when a quantity is 0), invoice 5 (issued, part paid),
 * its PDF, and an overpayment refused; draft 6 (changed by PUT, refused when a quantity is 0; issued), and draft 7 with
 * a line another module billed (no product). Every call is noted with its body.
 */
public class InvoiceStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final byte[] PDF = "%PDF-1.7 stand-in".getBytes(StandardCharsets.ISO_8859_1);

    private static final String TENANT = """
            {"id":7,"slug":"smile-dental","name":"Smile Dental Clinic","organization_type":"dental_clinic","status":"active",
             "features":{"invoicing":true},"created_at":"2024-01-15T20:00:00Z"}""";
    private static final String CUSTOMER = """
            {"id":3,"kind":"customer","name":"Kaveri Traders","state":"Karnataka","state_code":"29","gst_category":"unregistered"}""";
    /** An overseas buyer (exports) and a registered one (reverse charge): the editor offers each its supply terms. */
    private static final String OVERSEAS = """
            {"id":4,"kind":"customer","name":"Acme Inc","state_code":"96","gst_category":"overseas"}""";
    private static final String REGISTERED = """
            {"id":8,"kind":"customer","name":"Bengaluru Co","gstin":"29AAGCB7383J1Z4","state":"Karnataka","state_code":"29","gst_category":"registered"}""";
    private static final String LINE = """
            {"position":1,"product_id":12,"description":"Brass valve","hsn_sac":"8481","unit":"nos","quantity":4,"unit_price":12500,
             "discount_percent":10,"gst_rate":18,"taxable_amount":45000,"cgst":4050,"sgst":4050,"igst":0,"total":53100}""";

    private static final String PRODUCT = """
            {"id":12,"sku":"BRASS-VALVE","name":"Brass valve","hsn_sac":"8481","unit":"nos","price":12500,"gst_rate":18,"stock_quantity":10}""";
    /** Draft 6: Kaveri Traders, four brass valves at 10 % off. */
    private static final String DRAFT = """
            {"id":6,"number":null,"status":"draft","customer_id":3,"invoice_date":"2026-11-29","place_of_supply":"29","inter_state":false,
             "taxable_amount":45000,"cgst":4050,"sgst":4050,"igst":0,"round_off":0,"total":53100,
             "amount_in_words":"Rupees Fifty Three Thousand One Hundred Only","amount_paid":0,"balance_due":53100,"lines":[%s]}""".formatted(LINE);

    public InvoiceStubGateway() {
        super(InvoiceStubGateway::route);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String call = exchange.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body);
        CALLS.add(call);
        final String tenant = "/api/tenants/smile-dental";
        String data = switch (exchange.getRequestMethod() + " " + path) {
            case "GET " + tenant -> TENANT;
            case "GET " + tenant + "/branding" -> "{\"company_name\":\"Smile Dental Clinic\",\"primary_color\":\"#1565c0\"}";
            case "GET " + tenant + "/customers" -> "{\"items\":[" + CUSTOMER + "],\"page\":1,\"size\":100,\"total_items\":1,\"total_pages\":1}";
            case "GET " + tenant + "/customers/3" -> CUSTOMER;
            case "GET " + tenant + "/customers/4" -> OVERSEAS;
            case "GET " + tenant + "/customers/8" -> REGISTERED;
            case "GET " + tenant + "/products/12" -> PRODUCT;
            case "GET " + tenant + "/invoices/6" -> DRAFT;
            case "PUT " + tenant + "/invoices/5" -> "not-draft";
            case "PUT " + tenant + "/invoices/6" -> body.replace(" ", "").contains("\"quantity\":0") ? null : DRAFT;
            case "POST " + tenant + "/invoices/6/issue" -> DRAFT.replace("\"draft\"", "\"issued\"");
            case "GET " + tenant + "/invoices/7" -> DRAFT.replace("\"id\":6", "\"id\":7").replace("\"product_id\":12", "\"product_id\":null");
            case "GET " + tenant + "/products" -> """
                    {"items":[{"id":12,"sku":"BRASS-VALVE","name":"Brass valve","unit":"nos","price":12500,"gst_rate":18,"stock_quantity":10}],
                     "page":1,"size":100,"total_items":1,"total_pages":1}""";
            case "POST " + tenant + "/invoices/preview" -> body.contains("\"port_code\":\"BOMBAY\"") ? "bad-port"
                    : body.replace(" ", "").contains("\"quantity\":0") ? null : """
                    {"customer_id":3,"place_of_supply":"29","place_of_supply_name":"Karnataka","inter_state":false,"taxable_amount":45000.00,
                     "cgst":4050.00,"sgst":4050.00,"igst":0,"round_off":0,"total":53100.00,
                     "amount_in_words":"Rupees Fifty Three Thousand One Hundred Only","lines":[%s]}""".formatted(LINE);
            case "GET " + tenant + "/invoices/5" -> """
                    {"id":5,"number":"INV/2026-27/00001","status":"partially_paid","customer_id":3,"invoice_date":"2026-11-29",
                     "place_of_supply":"29","place_of_supply_name":"Karnataka","inter_state":false,"taxable_amount":45000,"cgst":4050,"sgst":4050,"igst":0,"round_off":0,
                     "total":53100,"amount_in_words":"Rupees Fifty Three Thousand One Hundred Only","amount_paid":20000,"balance_due":33100,
                     "lines":[%s]}""".formatted(LINE);
            case "GET " + tenant + "/invoices/5/pdf" -> {
                exchange.getResponseHeaders().set("Content-Type", "application/pdf");
                exchange.sendResponseHeaders(200, PDF.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(PDF);
                }
                yield "";
            }
            case "POST " + tenant + "/invoices/5/payments" -> "overpayment";
            default -> "missing";
        };
        if (data == null) {
            StubGateway.answer(exchange, 400, """
                    {"success":false,"data":null,"message":"Validation failed","error":{"code":"VALIDATION_ERROR",
                     "details":[{"field":"lines[0].quantity","message":"quantity must be more than zero"}]}}""", null);
        } else if (data.equals("bad-port")) {
            StubGateway.answer(exchange, 400, """
                    {"success":false,"data":null,"message":"Validation failed","error":{"code":"VALIDATION_ERROR",
                     "details":[{"field":"port_code","message":"port_code is the 6-character Indian port code, as INBOM1"}]}}""", null);
        } else if (data.equals("overpayment")) {
            StubGateway.answer(exchange, 409, StubGateway.error("OVERPAYMENT", "The balance due is 33100.00; 999999 is more"), null);
        } else if (data.equals("not-draft")) {
            StubGateway.answer(exchange, 409, StubGateway.error("INVOICE_NOT_DRAFT", "Invoice 5 is partially_paid; only drafts can be changed"), null);
        } else if (data.equals("missing")) {
            StubGateway.answer(exchange, 404, StubGateway.error("NOT_FOUND", "Nothing here"), null);
        } else if (!data.isEmpty()) {
            StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
        }
    }
}
