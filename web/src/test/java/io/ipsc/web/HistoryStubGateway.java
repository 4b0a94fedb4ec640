package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for a record's history: acme-traders (invoicing), whose invoice 42 was created by the system from
 * dental's billing, its lines then changed (a quantity, a line removed), then issued and paid by its admin; line 77's own trail
 * (added as line 2, a steel rod, before that page). Every call is noted with its query.
 */
public class HistoryStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static final String TRADER = """
            {"id":8,"slug":"acme-traders","name":"Acme Traders","organization_type":"retail","status":"active",
             "features":{"invoicing":true},"created_at":"2024-01-15T20:00:00Z"}""";
    private static final String TRAIL = """
            {"items":[
              {"id":9,"at":"2024-06-20T06:15:00Z","entity":"invoices","record_id":"42","action":"update","actor":"user","user_id":1,
               "email":"admin@ipsc.local","request_id":"req-7","changes":[
                 {"field":"status","old_value":"issued","new_value":"paid"},
                 {"field":"amount_paid","old_value":0.00,"new_value":1500.00},
                 {"field":"updated_at","old_value":"2024-06-19T04:30:00Z","new_value":"2024-06-20T06:15:00Z"}]},
              {"id":6,"at":"2024-06-19T05:10:00Z","entity":"invoice_lines","record_id":"78","action":"delete","actor":"user","user_id":1,
               "email":"admin@ipsc.local","changes":[{"field":"cgst","old_value":0.00,"new_value":null},
                 {"field":"description","old_value":"Mouth guard","new_value":null},{"field":"discount_percent","old_value":0.00,"new_value":null},
                 {"field":"gst_rate","old_value":18.00,"new_value":null},{"field":"hsn_sac","old_value":"9021","new_value":null},
                 {"field":"id","old_value":78,"new_value":null},{"field":"igst","old_value":162.00,"new_value":null},
                 {"field":"invoice_id","old_value":42,"new_value":null},{"field":"position","old_value":3,"new_value":null},
                 {"field":"product_id","old_value":9,"new_value":null},{"field":"quantity","old_value":2.000,"new_value":null},
                 {"field":"sgst","old_value":0.00,"new_value":null},{"field":"taxable_amount","old_value":900.00,"new_value":null},
                 {"field":"total","old_value":1062.00,"new_value":null},{"field":"unit","old_value":"nos","new_value":null},
                 {"field":"unit_price","old_value":450.00,"new_value":null}]},
              {"id":5,"at":"2024-06-19T05:00:00Z","entity":"invoice_lines","record_id":"77","action":"update","actor":"user","user_id":1,
               "email":"admin@ipsc.local","changes":[{"field":"quantity","old_value":2.000,"new_value":3.000}]},
              {"id":3,"at":"2024-06-19T04:30:00Z","entity":"invoices","record_id":"42","action":"insert","actor":"system",
               "source":{"topic":"ipsc.billing","partition":0,"offset":17},"changes":[
                 {"field":"status","old_value":null,"new_value":"draft"},{"field":"notes","old_value":null,"new_value":null}]}],
             "page":1,"size":20,"total_items":25,"total_pages":2}""";
    /** Line 77's own trail: added as line 2, a steel rod, before the page of the invoice's history above. */
    private static final String LINE_77 = """
            {"items":[
              {"id":5,"at":"2024-06-19T05:00:00Z","entity":"invoice_lines","record_id":"77","action":"update","actor":"user","user_id":1,
               "email":"admin@ipsc.local","changes":[{"field":"quantity","old_value":2.000,"new_value":3.000}]},
              {"id":4,"at":"2024-06-19T04:30:00Z","entity":"invoice_lines","record_id":"77","action":"insert","actor":"system",
               "source":{"topic":"ipsc.billing","partition":0,"offset":17},"changes":[{"field":"invoice_id","old_value":null,"new_value":42},
                 {"field":"position","old_value":null,"new_value":2},{"field":"description","old_value":null,"new_value":"Steel rod"},
                 {"field":"quantity","old_value":null,"new_value":2.000}]}],
             "page":1,"size":100,"total_items":2,"total_pages":1}""";

    public HistoryStubGateway() {
        super(HistoryStubGateway::route);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        CALLS.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        switch (exchange.getRequestMethod() + " " + path) {
            case "GET /api/tenants/acme-traders" -> ok(exchange, TRADER);
            case "GET /api/tenants/acme-traders/branding" -> ok(exchange, "{\"company_name\":\"Acme Traders\",\"primary_color\":\"#1565c0\"}");
            case "GET /api/tenants/acme-traders/audit" -> ok(exchange, trail(query == null ? "" : query));
            default -> StubGateway.answer(exchange, 404, StubGateway.error("NOT_FOUND", "Nothing here"), null);
        }
    }

    /** Invoice 42's history, line 77's own, or (another record's) none. */
    private static String trail(String query) {
        if (query.contains("entity=invoice_lines&") && query.contains("id=77")) {
            return LINE_77;
        }
        return query.contains("entity=invoice&") ? TRAIL : "{\"items\":[],\"page\":1,\"size\":20,\"total_items\":0,\"total_pages\":0}";
    }

    private static void ok(HttpExchange exchange, String data) throws IOException {
        StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
    }
}
