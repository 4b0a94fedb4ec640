package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the cash-flow pages' tests: sign-in as {@link StubGateway} answers it,
 * {@code smile-dental} with {@code advanced_reporting} and {@code plain-shop} without; invoicing's cash flow
 * (ageing, months, one customer owing), the payments behind a month's money in or out, the invoice and purchase
 * lists (whatever the filter: the test reads the filter the web sent from {@link #CALLS}) and one customer
 * (GstStubGateway answers GSTR-1). Every call is noted with its query string.
 */
public class CashFlowStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static final String CASH_FLOW = """
            {"from":"2025-12-01","to":"2026-11-29","money_in":1180,"money_out":90,"net":1090,"invoiced":12440,
             "months":[{"month":"2026-10","money_in":0,"money_out":90,"net":-90,"invoiced":0},
                       {"month":"2026-11","money_in":1180,"money_out":0,"net":1180,"invoiced":12440}],
             "receivables":{"days_0_30":2360.00,"days_31_60":2360.00,"days_61_90":3000.00,"days_over_90":472000.50,"total":479720.50},
             "payables":{"days_0_30":590.00,"days_31_60":236.00,"days_61_90":0,"days_over_90":0,"total":826.00},
             "top_customers":[{"customer_id":3,"name":"Kaveri Traders","invoices":4,"outstanding":478540.50},
                              {"customer_id":4,"name":"Bharat & Sons","invoices":1,"outstanding":1180}]}""";

    public CashFlowStubGateway() {
        super(CashFlowStubGateway::route);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        CALLS.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        final String smile = "/api/tenants/smile-dental";
        final String plain = "/api/tenants/plain-shop";
        String data = switch (path) {
            case smile -> tenant("smile-dental", "Smile Dental Clinic", true);
            case plain -> tenant("plain-shop", "Plain Shop", false);
            case smile + "/branding" -> "{\"company_name\":\"Smile Dental Clinic\",\"primary_color\":\"#1565c0\"}";
            case plain + "/branding" -> "{\"company_name\":\"Plain Shop\"}";
            case smile + "/cashflow" -> CASH_FLOW;
            case smile + "/customers/3" -> "{\"id\":3,\"kind\":\"customer\",\"name\":\"Kaveri Traders\",\"state\":\"Karnataka\"}";
            case smile + "/invoices" -> """
                    {"items":[{"id":9,"number":"INV/2026-27/00009","status":"partially_paid","customer_id":3,"invoice_date":"2026-10-01",
                      "due_date":"2026-10-15","total":2360,"amount_paid":1000,"balance_due":1360}],"page":1,"size":20,"total_items":1,"total_pages":1}""";
            case smile + "/purchases" -> """
                    {"items":[{"id":2,"vendor_id":6,"bill_number":"PM/2","bill_date":"2026-10-10","status":"received","total":236,
                      "amount_paid":0,"balance_due":236}],"page":1,"size":20,"total_items":1,"total_pages":1}""";
            case smile + "/cashflow/payments" -> query != null && query.contains("direction=out") ? """
                    {"items":[{"id":5,"direction":"out","document_id":2,"document_number":"PM/2","party_id":6,"party_name":"Pune Metals",
                      "amount":90,"mode":"cheque","reference":null,"paid_on":"2026-10-12"}],"page":1,"size":20,"total_items":1,"total_pages":1}""" : """
                    {"items":[{"id":7,"direction":"in","document_id":9,"document_number":"INV/2026-27/00009","party_id":3,
                      "party_name":"Kaveri Traders","amount":1180,"mode":"upi","reference":"UPI-881","paid_on":"2026-11-03"}],
                      "page":1,"size":20,"total_items":1,"total_pages":1}""";
            default -> "missing";
        };
        if (data == null) {
            StubGateway.answer(exchange, 400, StubGateway.error("INVALID_MONTH", "month must look like 2024-06"), null);
        } else if (data.equals("missing")) {
            StubGateway.answer(exchange, 404, StubGateway.error("NOT_FOUND", "Nothing here"), null);
        } else {
            StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
        }
    }

    private static String tenant(String slug, String name, boolean reporting) {
        return """
                {"id":7,"slug":"%s","name":"%s","organization_type":"business","status":"active",
                 "features":{"invoicing":true,"advanced_reporting":%s},"created_at":"2024-01-15T20:00:00Z"}""".formatted(slug, name, reporting);
    }
}
