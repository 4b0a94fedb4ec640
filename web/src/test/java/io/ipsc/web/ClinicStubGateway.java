package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the clinic's pages: sign-in as {@link StubGateway} answers it (the platform admin may write;
 * the member is smile-dental's viewer), and dental-service's and invoicing-service's answers for patient 5 (John Doe):
 * a completed root canal on 36 (treatment 12, billed on draft invoice 9), a planned filling on 11 (treatment 13, whose
 * completion is not billed yet), one appointment; tooth 99 refused as dental-service refuses it; two supplies, one low,
 * and a consumption refused for want of stock. Every call is noted with its query and body.
 */
public class ClinicStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static final String TENANT = """
            {"id":7,"slug":"smile-dental","name":"Smile Dental Clinic","organization_type":"dental_clinic","status":"active",
             "features":{"invoicing":true,"dental_management":true,"inventory_management":true},"created_at":"2024-01-15T20:00:00Z"}""";
    private static final String JOHN = """
            {"id":5,"first_name":"John","last_name":"Doe","phone":"+91-9876543212","email":"john.doe@email.com",
             "date_of_birth":"1985-05-20","allergies":["Penicillin"],"medical_conditions":[]}""";
    private static final String ROOT_CANAL = """
            {"id":12,"patient_id":5,"treatment_date":"2024-01-15T10:00:00+05:30","treatment_type":"Root Canal","tooth":36,
             "cost":5000.00,"status":"completed","completed_at":"2024-01-15T11:00:00+05:30"}""";
    private static final String FILLING = """
            {"id":13,"patient_id":5,"treatment_date":"2024-01-20T10:00:00+05:30","treatment_type":"Filling","tooth":11,"surfaces":"MO",
             "cost":1500.00,"status":"%s"}""";
    private static final String LOW = """
            {"id":3,"name":"Composite resin A2","unit":"syringe","stock":2,"reorder_level":5,"low_stock":true}""";

    public ClinicStubGateway() {
        super(ClinicStubGateway::route);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body));
        final String tenant = "/api/tenants/smile-dental";
        String data = switch (exchange.getRequestMethod() + " " + path) {
            case "GET " + tenant -> TENANT;
            case "GET " + tenant + "/branding" -> "{\"company_name\":\"Smile Dental Clinic\",\"primary_color\":\"#1565c0\"}";
            case "GET " + tenant + "/patients" -> page(JOHN);
            case "POST " + tenant + "/patients" -> body.contains("\"first_name\"") ? JOHN : "invalid:first_name:first_name is required";
            case "GET " + tenant + "/patients/5" -> JOHN;
            case "GET " + tenant + "/treatments" -> page(ROOT_CANAL + "," + FILLING.formatted("planned"));
            case "GET " + tenant + "/patients/5/treatment-plan" -> """
                    {"patient_id":5,"patient_name":"John Doe","treatments":[%s],"treatment_count":1,"total_estimate":1500.00}"""
                    .formatted(FILLING.formatted("planned"));
            case "GET " + tenant + "/appointments" -> page("""
                    {"id":1,"patient_id":5,"dentist_id":3,"chair":"Chair 1","appointment_date":"2024-01-15T10:00:00+05:30",
                     "duration_minutes":30,"treatment_type":"Root Canal","status":"scheduled"}""");
            case "GET " + tenant + "/invoices/for-party" -> page("""
                    {"id":9,"status":"draft","customer_id":4,"invoice_date":"2024-01-15","taxable_amount":5000,"cgst":0,"sgst":0,"igst":0,
                     "round_off":0,"total":5000.00,"amount_paid":0,"balance_due":5000.00,"lines":[{"position":1,"description":"Root Canal (tooth 36)",
                     "hsn_sac":"999312","quantity":1,"unit_price":5000,"gst_rate":0,"total":5000.00,"source_key":"dental:treatment:12"}]}""");
            case "POST " + tenant + "/treatments" -> body.contains("\"tooth\":99")
                    ? "invalid:tooth:tooth must be an FDI number: permanent 11-18, 21-28, 31-38, 41-48; primary 51-55, 61-65, 71-75, 81-85"
                    : FILLING.formatted("planned");
            case "POST " + tenant + "/treatments/13/complete", "GET " + tenant + "/treatments/13" -> FILLING.formatted("completed");
            case "GET " + tenant + "/treatments/12" -> ROOT_CANAL;
            case "GET " + tenant + "/dental-supplies" -> page(LOW + ",{\"id\":4,\"name\":\"Gloves\",\"unit\":\"box\",\"stock\":40,"
                    + "\"reorder_level\":10,\"low_stock\":false}");
            case "GET " + tenant + "/dental-supplies/low-stock" -> page(LOW);
            case "GET " + tenant + "/dental-supplies/3" -> LOW;
            case "GET " + tenant + "/dental-supplies/3/movements" -> page("""
                    {"id":1,"supply_id":3,"kind":"receipt","quantity":2,"stock_after":2,"note":"Opening stock","created_at":"2026-11-29T05:00:00Z"}""");
            case "POST " + tenant + "/dental-supplies/3/consumptions" -> "short";
            default -> "missing";
        };
        if (data.startsWith("invalid:")) {
            String[] parts = data.split(":", 3);
            StubGateway.answer(exchange, 400, """
                    {"success":false,"data":null,"message":"Validation failed","error":{"code":"VALIDATION_ERROR",
                     "details":[{"field":"%s","message":"%s"}]}}""".formatted(parts[1], parts[2]), null);
        } else if (data.equals("short")) {
            StubGateway.answer(exchange, 422, StubGateway.error("INSUFFICIENT_STOCK", "Only 2 syringe of Composite resin A2 in stock"), null);
        } else if (data.equals("missing")) {
            StubGateway.answer(exchange, 404, StubGateway.error("NOT_FOUND", "Nothing here"), null);
        } else {
            StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
        }
    }

    private static String page(String items) {
        return "{\"items\":[" + items + "],\"page\":1,\"size\":20,\"total_items\":" + (items.split("\"id\":").length - 1)
                + ",\"total_pages\":1}";
    }
}
