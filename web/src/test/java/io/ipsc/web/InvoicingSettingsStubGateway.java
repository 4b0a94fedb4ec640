package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the invoicing settings page's tests: invoicing-service's settings and logo for
 * smile-dental. An upload whose bytes are {@link #NOT_AN_IMAGE} is refused as the API refuses a text file
 * (415); any other is taken and described as a 240 x 96 PNG. Every call is noted with its body.
 */
public class InvoicingSettingsStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final byte[] LOGO = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3};
    static final String NOT_AN_IMAGE = "just text, named logo.png";
    static volatile boolean hasLogo = true;

    private static final String TENANT = """
            {"id":7,"slug":"smile-dental","name":"Smile Dental Clinic","organization_type":"dental_clinic","status":"active",
             "features":{"invoicing":true},"created_at":"2024-01-15T20:00:00Z"}""";
    private static final String LOGO_VIEW = """
            {"content_type":"image/png","width":240,"height":96,"size_bytes":11,"etag":"abc123","updated_at":"2026-11-29T10:00:00Z"}""";

    public InvoicingSettingsStubGateway() {
        super(InvoicingSettingsStubGateway::route);
    }

    private static String settings() {
        return """
                {"invoice_prefix":"SDC","allow_negative_stock":false,"upi_id":"smile@okhdfcbank","payee_name":null,"brand_color":"#0B6E4F",
                 "supplier_address":"12 MG Road\\nPune 411001","logo":%s}""".formatted(hasLogo ? LOGO_VIEW : "null");
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(exchange.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
        final String tenant = "/api/tenants/smile-dental";
        switch (exchange.getRequestMethod() + " " + path) {
            case "GET " + tenant -> ok(exchange, TENANT);
            case "GET " + tenant + "/branding" -> ok(exchange, "{\"company_name\":\"Smile Dental Clinic\",\"primary_color\":\"#1565c0\"}");
            case "GET " + tenant + "/invoices/settings" -> ok(exchange, settings());
            case "PUT " + tenant + "/invoices/settings" -> {
                if (body.contains("\"upi_id\":\"not a upi id\"")) {
                    StubGateway.answer(exchange, 400, """
                            {"success":false,"data":null,"message":"Validation failed","error":{"code":"VALIDATION_ERROR",
                             "details":[{"field":"upi_id","message":"upi_id must be a UPI ID like name@bank"}]}}""", null);
                } else {
                    ok(exchange, settings());
                }
            }
            case "PUT " + tenant + "/invoices/settings/logo" -> {
                String notAnImage = java.util.Base64.getEncoder().encodeToString(NOT_AN_IMAGE.getBytes(StandardCharsets.UTF_8));
                if (body.contains(notAnImage)) {
                    StubGateway.answer(exchange, 415, StubGateway.error("LOGO_UNSUPPORTED_TYPE",
                            "The logo must be a PNG or JPEG image; these bytes are neither"), null);
                } else {
                    hasLogo = true;
                    ok(exchange, LOGO_VIEW);
                }
            }
            case "GET " + tenant + "/invoices/settings/logo" -> {
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                exchange.getResponseHeaders().set("ETag", "\"abc123\"");
                exchange.sendResponseHeaders(200, LOGO.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(LOGO);
                }
            }
            case "DELETE " + tenant + "/invoices/settings/logo" -> {
                hasLogo = false;
                ok(exchange, "null");
            }
            default -> StubGateway.answer(exchange, 404, StubGateway.error("NOT_FOUND", "Nothing here"), null);
        }
    }

    private static void ok(HttpExchange exchange, String data) throws IOException {
        StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
    }
}
