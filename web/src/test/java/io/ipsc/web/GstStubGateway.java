package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the GST page's tests: sign-in as {@link StubGateway} answers it, {@code smile-dental} with
 * {@code advanced_reporting} and {@code plain-shop} without; GSTR-1 for August 2024 as invoicing answers it (B2CL a
 * row per rate, B2CS with its type and "07-Delhi", the HSN summary per UQC and rate, the document summary), for
 * May 2025 with the HSN summary in two parts, and the export's files (another month is refused as the API refuses
 * it, a CSV section the month lacks too). Every call is noted with its query string.
 */
public class GstStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static final String AUGUST = """
            {"month":"2024-08","supplier_gstin":"27AAPFU0939F1ZV",
             "b2b":[{"gstin":"29AAGCB7383J1Z4","name":"B2B Buyer","invoices":1,"taxable":2000.00,"cgst":0,"sgst":0,"igst":240.00,"total":2240.00}],
             "b2c_large":[{"number":"INV/2425/00003","invoice_date":"2024-08-10","place_of_supply":"07-Delhi","invoice_value":113180.00,"gst_rate":12.00,"taxable":100000.00,"igst":12000.00},
                          {"number":"INV/2425/00003","invoice_date":"2024-08-10","place_of_supply":"07-Delhi","invoice_value":113180.00,"gst_rate":18.00,"taxable":1000.00,"igst":180.00}],
             "b2c_small":[{"type":"OE","place_of_supply":"07-Delhi","gst_rate":18.00,"taxable":84746.00,"cgst":0,"sgst":0,"igst":15254.28},
                          {"type":"OE","place_of_supply":"27-Maharashtra","gst_rate":18.00,"taxable":1000.00,"cgst":90.00,"sgst":90.00,"igst":0}],
             "hsn_summary":[{"hsn_sac":"6403","uqc":"PCS","gst_rate":12.00,"quantity":102.000,"taxable":102000.00,"cgst":0,"sgst":0,"igst":12240.00,"total":114240.00}],
             "document_summary":[{"nature":"Invoices for outward supply","series":"INV/2425","from":"INV/2425/00001","to":"INV/2425/00005","total_number":5,"cancelled":1,"net_issued":4}],
             "totals":{"b2b":{"invoices":1,"taxable":2000.00,"cgst":0,"sgst":0,"igst":240.00,"total":2240.00},
                       "b2c_large":{"taxable":101000.00,"igst":12180.00},
                       "b2c_small":{"taxable":85746.00,"cgst":90.00,"sgst":90.00,"igst":15254.28},
                       "hsn_summary":{"quantity":102.000,"taxable":102000.00,"cgst":0,"sgst":0,"igst":12240.00,"total":114240.00},
                       "document_summary":{"total_number":5,"cancelled":1,"net_issued":4}}}""";
    private static final String MAY = """
            {"month":"2025-05","supplier_gstin":"27AAPFU0939F1ZV","b2b":[],"b2c_large":[],"b2c_small":[],
             "hsn_b2b":[{"hsn_sac":"6403","uqc":"PCS","gst_rate":12.00,"quantity":1.000,"taxable":1000.00,"cgst":0,"sgst":0,"igst":120.00,"total":1120.00}],
             "hsn_b2c":[],"document_summary":[],"totals":{}}""";
    /** October 2024: SEZ supplies, a deemed export, exports and notes in both parts of 9B. */
    private static final String OCTOBER = """
            {"month":"2024-10","supplier_gstin":"27AAPFU0939F1ZV","b2b":[],
             "sezwp":[{"gstin":"27AABCF1234K1Z5","name":"Pune SEZ Unit","invoices":1,"taxable":1000.00,"cgst":0,"sgst":0,"igst":180.00,"total":1180.00}],
             "sezwop":[{"gstin":"33AAACR5055K1Z3","name":"Chennai SEZ Unit","invoices":1,"taxable":2000.00,"cgst":0,"sgst":0,"igst":0,"total":2000.00}],
             "de":[{"gstin":"24AABAT9876C3Z1","name":"Surat EOU","invoices":1,"taxable":1000.00,"cgst":0,"sgst":0,"igst":120.00,"total":1120.00}],
             "expwp":[],
             "expwop":[{"number":"INV/2425/00009","invoice_date":"2024-10-10","invoice_value":5000.00,"port_code":"INBOM1",
                     "shipping_bill_number":"1234567","shipping_bill_date":"2024-10-11","gst_rate":18.00,"taxable":5000.00,"igst":0}],
             "b2c_large":[],"b2c_small":[],
             "cdnr":[{"gstin":"29AAGCB7383J1Z4","name":"Bengaluru Co","note_type":"C","note_number":"CN/2425/00004","note_date":"2024-10-25",
                      "invoice_number":"INV/2425/00002","invoice_date":"2024-09-20","place_of_supply":"29-Karnataka","supply_type":"B2B",
                      "reverse_charge":true,"note_value":1180.00,"gst_rate":18.00,"taxable":1000.00,"cgst":0,"sgst":0,"igst":180.00}],
             "cdnur":[{"ur_type":"EXPWOP","note_type":"D","note_number":"DN/2425/00001","note_date":"2024-10-25","invoice_number":"INV/2425/00009",
                       "invoice_date":"2024-10-10","place_of_supply":"96-Other Countries","supply_type":"EXPWOP","reverse_charge":false,
                       "note_value":1000.00,"gst_rate":18.00,"taxable":1000.00,"cgst":0,"sgst":0,"igst":0}],
             "hsn_summary":[],"document_summary":[],
             "totals":{"cdnr":{"taxable":1000.00,"cgst":0,"sgst":0,"igst":180.00}}}""";
    static final String PORTAL_JSON = "{\"gstin\":\"27AAPFU0939F1ZV\",\"fp\":\"082024\",\"b2b\":[{\"ctin\":\"29AAGCB7383J1Z4\",\"inv\":[]}]}";
    static final String B2CL_CSV = "Invoice Number,Invoice date,Invoice Value,Place Of Supply,Applicable % of Tax Rate,Rate,Taxable Value,"
            + "Cess Amount,E-Commerce GSTIN\r\nINV/2425/00003,10-Aug-2024,113180.00,07-Delhi,,12,100000.00,0.00,\r\n";

    public GstStubGateway() {
        super(GstStubGateway::route);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        CALLS.add(exchange.getRequestMethod() + " " + path + (query.isEmpty() ? "" : "?" + query));
        final String smile = "/api/tenants/smile-dental";
        final String plain = "/api/tenants/plain-shop";
        if (path.equals(smile + "/reports/gstr1/export")) {
            String file = !query.contains("month=2024-08") ? null
                    : query.contains("format=json") ? PORTAL_JSON : query.contains("section=b2cl") ? B2CL_CSV : null;
            if (file == null) {
                StubGateway.answer(exchange, 400, StubGateway.error("INVALID_FIELD", "section must be one of b2b, b2cl, b2cs, hsn, docs for 2024-08"), null);
            } else {
                StubGateway.answer(exchange, 200, file, null);
            }
            return;
        }
        String data = switch (path) {
            case smile -> tenant("smile-dental", "Smile Dental Clinic", true);
            case plain -> tenant("plain-shop", "Plain Shop", false);
            case smile + "/branding" -> "{\"company_name\":\"Smile Dental Clinic\",\"primary_color\":\"#1565c0\"}";
            case plain + "/branding" -> "{\"company_name\":\"Plain Shop\"}";
            case smile + "/reports/gstr1" -> query.contains("month=2024-08") ? AUGUST : query.contains("month=2025-05") ? MAY
                    : query.contains("month=2024-10") ? OCTOBER : null;
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
