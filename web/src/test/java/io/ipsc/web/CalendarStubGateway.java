package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the calendar's tests: sign-in as {@link StubGateway} answers it, smile-dental with
 * two dentists (21, 22) and a viewer (23), patients John Doe (1) and Priya Nair (2) (the API's search finds them by
 * name or phone), and dental-service's appointment answers, each with its patient's name. Whatever day is asked for has John Doe's check-up 10:00–11:00 with dentist 21
 * (appointment 40) and a cancelled one at 11:00 (41); a week also has Priya Nair on its Wednesday at 14:00.
 * Dentist 21 is free at 09:00, 09:30, 11:00 and 11:30 every day but Sunday, when the clinic is closed (the API's
 * availability, answered for a day or a range); booking 10:00 is the API's 409.
 * Every call is noted with its query and body.
 */
public class CalendarStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static final String TENANT = """
            {"id":7,"slug":"smile-dental","name":"Smile Dental Clinic","organization_type":"dental_clinic","status":"active",
             "features":{"invoicing":true,"dental_management":true},"created_at":"2024-01-15T20:00:00Z"}""";

    private static final String JOHN = "{\"id\":1,\"first_name\":\"John\",\"last_name\":\"Doe\",\"phone\":\"+91-9876543210\"}";
    private static final String PRIYA = "{\"id\":2,\"first_name\":\"Priya\",\"last_name\":\"Nair\",\"phone\":\"+91-9876500000\"}";

    public CalendarStubGateway() {
        super(CalendarStubGateway::route);
    }

    static String appointment(long id, long patient, long dentist, String start, String end, int minutes, String treatment, String status,
                              String checkedIn) {
        return """
                {"id":%d,"patient_id":%d,"patient_name":"%s","dentist_id":%d,"chair":"C1","appointment_date":"%s+05:30","ends_at":"%s+05:30",
                 "duration_minutes":%d,"treatment_type":"%s","notes":null,"status":"%s","checked_in_at":%s}"""
                .formatted(id, patient, patient == 1 ? "John Doe" : "Priya Nair", dentist, start, end, minutes, treatment, status, checkedIn == null ? "null" : "\"" + checkedIn + "\"");
    }

    private static String day(LocalDate d) {
        return appointment(40, 1, 21, d + "T10:00:00", d + "T11:00:00", 60, "Regular Checkup", "scheduled", null) + ","
                + appointment(41, 2, 21, d + "T11:00:00", d + "T11:30:00", 30, "Filling", "cancelled", null);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(exchange.getRequestMethod() + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + (body.isEmpty() ? "" : " " + body));
        final String tenant = "/api/tenants/smile-dental";
        String data = switch (exchange.getRequestMethod() + " " + path) {
            case "GET " + tenant -> TENANT;
            case "GET " + tenant + "/branding" -> "{\"company_name\":\"Smile Dental Clinic\",\"primary_color\":\"#1565c0\"}";
            case "GET " + tenant + "/users" -> """
                    {"items":[{"user_id":21,"email":"asha@smile.example","full_name":"Dr. Asha Rao","role":"staff"},
                     {"user_id":22,"email":"vikram@smile.example","full_name":"Dr. Vikram Shah","role":"admin"},
                     {"user_id":23,"email":"desk@smile.example","full_name":"Front Viewer","role":"viewer"}],
                     "page":1,"size":100,"total_items":3,"total_pages":1}""";
            case "GET " + tenant + "/patients" -> {
                // The API's search: name or phone; "nair" finds Priya Nair only.
                String search = query.getOrDefault("search", "").toLowerCase();
                List<String> found = new ArrayList<>();
                if ("john doe +91-9876543210".contains(search)) {
                    found.add(JOHN);
                }
                if ("priya nair +91-9876500000".contains(search)) {
                    found.add(PRIYA);
                }
                yield "{\"items\":[" + String.join(",", found) + "],\"page\":1,\"size\":20,\"total_items\":" + found.size()
                        + ",\"total_pages\":1}";
            }
            case "GET " + tenant + "/patients/2" -> PRIYA;
            case "GET " + tenant + "/appointments" -> {
                String items;
                if (query.containsKey("date")) {
                    items = day(LocalDate.parse(query.get("date")));
                } else {
                    LocalDate from = LocalDate.parse(query.get("from"));
                    items = day(from) + "," + appointment(42, 2, 21, from.plusDays(2) + "T14:00:00", from.plusDays(2) + "T14:30:00", 30,
                            "Root Canal", "confirmed", null);
                }
                yield "{\"items\":[" + items + "],\"page\":1,\"size\":100,\"total_items\":3,\"total_pages\":1}";
            }
            case "GET " + tenant + "/appointments/availability" -> {
                // One answer for the range asked (from/to) or the day (date); the week's Sunday is a closed day.
                LocalDate from = LocalDate.parse(query.containsKey("date") ? query.get("date") : query.get("from"));
                LocalDate to = LocalDate.parse(query.containsKey("date") ? query.get("date") : query.get("to"));
                List<String> starts = "21".equals(query.get("dentist_id")) ? List.of("09:00", "09:30", "11:00", "11:30") : List.of("09:00");
                List<String> days = new ArrayList<>();
                List<String> all = new ArrayList<>();
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    boolean closed = d.getDayOfWeek() == DayOfWeek.SUNDAY;
                    List<String> slots = new ArrayList<>();
                    for (String start : closed ? List.<String>of() : starts) {
                        slots.add("{\"start\":\"" + d + "T" + start + ":00+05:30\",\"end\":\"" + d + "T00:00:00+05:30\"}");
                    }
                    all.addAll(slots);
                    days.add("{\"date\":\"" + d + "\",\"closed\":" + closed + ",\"free_slots\":[" + String.join(",", slots) + "]}");
                }
                yield "{\"dentist_id\":" + query.get("dentist_id") + ",\"date\":\"" + from + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                        + "\",\"time_zone\":\"Asia/Kolkata\",\"clinic_opens\":\"09:00\",\"clinic_closes\":\"12:00\",\"slot_minutes\":30,"
                        + "\"free_slots\":[" + String.join(",", all) + "],\"days\":[" + String.join(",", days) + "]}";
            }
            case "POST " + tenant + "/appointments" -> body.contains("T10:00") ? "conflict"
                    : !body.contains("\"treatment_type\":\"") ? "invalid"
                    : appointment(50, 1, 21, "2026-12-01T09:00:00", "2026-12-01T09:30:00", 30, "Regular Checkup", "scheduled", null);
            case "GET " + tenant + "/appointments/40", "PUT " + tenant + "/appointments/40" ->
                    appointment(40, 1, 21, "2026-12-01T10:00:00", "2026-12-01T11:00:00", 60, "Regular Checkup", "scheduled", null);
            case "DELETE " + tenant + "/appointments/40" ->
                    appointment(40, 1, 21, "2026-12-01T10:00:00", "2026-12-01T11:00:00", 60, "Regular Checkup", "cancelled", null);
            case "POST " + tenant + "/appointments/40/check-in" -> appointment(40, 1, 21, "2026-12-01T10:00:00", "2026-12-01T11:00:00",
                    60, "Regular Checkup", "checked_in", "2026-12-01T09:55:00+05:30");
            case "POST " + tenant + "/appointments/41/check-in" -> "cancelled";
            default -> "missing";
        };
        switch (data) {
            case "conflict" -> StubGateway.answer(exchange, 409, """
                    {"success":false,"data":null,"message":"Dentist 21 is already booked from 2026-12-01T10:00:00+05:30 to 2026-12-01T11:00:00+05:30 (appointment 40)",
                     "error":{"code":"APPOINTMENT_CONFLICT","details":[{"field":"dentist_id","message":"clashes with appointment 40"}]}}""", null);
            case "invalid" -> StubGateway.answer(exchange, 400, """
                    {"success":false,"data":null,"message":"Validation failed","error":{"code":"VALIDATION_ERROR",
                     "details":[{"field":"treatment_type","message":"must not be blank"}]}}""", null);
            case "cancelled" -> StubGateway.answer(exchange, 409,
                    StubGateway.error("ILLEGAL_STATE", "Appointment 41 is cancelled: it cannot be checked in"), null);
            case "missing" -> StubGateway.answer(exchange, 404, StubGateway.error("NOT_FOUND", "Nothing here"), null);
            default -> StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
        }
    }
}
