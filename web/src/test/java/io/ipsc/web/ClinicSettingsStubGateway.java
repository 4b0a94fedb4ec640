package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the clinic settings page's tests: dental-service's clinic hours for smile-dental (a clinic),
 * and a trading tenant without the clinic (invoicing only). A save that closes before it opens is refused as the API
 * refuses it; any other is taken and answered as saved. Every call is noted with its body.
 */
public class ClinicSettingsStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static final String CLINIC = """
            {"id":7,"slug":"smile-dental","name":"Smile Dental Clinic","organization_type":"dental_clinic","status":"active",
             "features":{"invoicing":true,"dental_management":true},"created_at":"2024-01-15T20:00:00Z"}""";
    private static final String TRADER = """
            {"id":8,"slug":"acme-traders","name":"Acme Traders","organization_type":"retail","status":"active",
             "features":{"invoicing":true},"created_at":"2024-01-15T20:00:00Z"}""";
    private static final String HOURS = """
            {"time_zone":"Asia/Kolkata","clinic_opens":"09:00","clinic_closes":"18:00","clinic_closed_days":["sunday"]}""";

    public ClinicSettingsStubGateway() {
        super(ClinicSettingsStubGateway::route);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(exchange.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
        switch (exchange.getRequestMethod() + " " + path) {
            case "GET /api/tenants/smile-dental" -> ok(exchange, CLINIC);
            case "GET /api/tenants/acme-traders" -> ok(exchange, TRADER);
            case "GET /api/tenants/smile-dental/branding" -> ok(exchange, "{\"company_name\":\"Smile Dental Clinic\",\"primary_color\":\"#1565c0\"}");
            case "GET /api/tenants/acme-traders/branding" -> ok(exchange, "{\"company_name\":\"Acme Traders\",\"primary_color\":\"#1565c0\"}");
            case "GET /api/tenants/smile-dental/appointments/settings" -> ok(exchange, HOURS);
            case "GET /api/tenants/acme-traders/appointments/settings" -> StubGateway.answer(exchange, 403,
                    StubGateway.error("FEATURE_DISABLED", "The feature 'dental_management' is not enabled for this tenant"), null);
            case "PUT /api/tenants/smile-dental/appointments/settings" -> {
                if (body.contains("\"clinic_closes\":\"08:00\"")) {
                    StubGateway.answer(exchange, 400, """
                            {"success":false,"data":null,"message":"Validation failed","error":{"code":"VALIDATION_ERROR",
                             "details":[{"field":"clinic_closes","message":"clinic_closes (08:00) must be after clinic_opens (10:00)"}]}}""", null);
                } else {
                    ok(exchange, body);
                }
            }
            default -> StubGateway.answer(exchange, 404, StubGateway.error("NOT_FOUND", "Nothing here"), null);
        }
    }

    private static void ok(HttpExchange exchange, String data) throws IOException {
        StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
    }
}
