package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the factory's pages: sign-in as {@link StubGateway} answers it (the platform admin
 * may write; the member is the tenant's viewer — the tenant is smile-dental because that is whom the stub's
 * sign-in names, here with manufacturing on), and manufacturing-service's answers: BOM-001 (product 1) with a
 * sub-assembly (product 2, BOM-002) and a raw material, its explosion and cost for 10 units (N = 0 refused), a
 * cycle refused when product 1 is added to BOM-002, one work center and its load, PO-001 released with two
 * scheduled operations and a failed inspection awaiting its decision (so completing it is held); BOM-001's rod
 * changed (a quantity of 0 refused) and removed, its operation changed (sequence 20 taken) and removed, the work
 * center changed and its removal refused (in use), and product 250 found only by search or by id. Every call is
 * noted with its query and body.
 */
public class FactoryStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final String CYCLE = "Adding product 1 would make a cycle: product 1 → product 2 → product 1";
    static final String SEQUENCE_TAKEN = "BOM 1 already has an operation with sequence 20";
    static final String IN_USE = "Work center 4 is used by BOM operations or production orders; it cannot be deleted";
    /** A product beyond the first hundred: found only by the products list's search, or by its id. */
    private static final String BRACKET = """
            {"id":250,"sku":"BR-250","name":"Bracket 250"}""";

    private static final String TENANT = """
            {"id":7,"slug":"smile-dental","name":"Precision Manufacturing Co.","organization_type":"manufacturing","status":"active",
             "features":{"invoicing":true,"manufacturing_management":true},"created_at":"2024-01-15T20:00:00Z"}""";
    private static final String BOM_1 = """
            {"id":1,"bom_id":"BOM-001","product_id":1,"description":"Main Assembly BOM","version":"1.0","is_default":true,"is_active":true,
             "components":[{"id":11,"product_id":2,"quantity_per_unit":2,"scrap_percent":0,"unit_cost":0,"sub_assembly":true},
                           {"id":12,"product_id":3,"quantity_per_unit":1.5,"scrap_percent":5,"unit_cost":120,"sub_assembly":false}],
             "operations":[{"id":21,"sequence":10,"name":"Assembly","work_center_id":4,"setup_minutes":30,"minutes_per_unit":6}]}""";
    private static final String BOM_2 = """
            {"id":2,"bom_id":"BOM-002","product_id":2,"description":"Gear set","version":"1.0","is_default":true,"is_active":true,
             "components":[{"id":13,"product_id":3,"quantity_per_unit":3,"scrap_percent":10,"unit_cost":120,"sub_assembly":false}],
             "operations":[]}""";
    private static final String ORDER = """
            {"id":9,"order_number":"PO-001","bom_id":1,"product_id":1,"quantity":100,"start_date":"2024-01-15","due_date":"2024-01-20",
             "status":"in_progress","bom_version":"1.0",
             "materials":[{"product_id":3,"quantity":817.5,"unit_cost":120}],
             "operations":[{"id":31,"sequence":10,"name":"Assembly","work_center_id":4,"duration_minutes":661.58,
                            "planned_start":"2024-01-15","planned_end":"2024-01-16"},
                           {"id":32,"sequence":20,"name":"Testing","work_center_id":4,"duration_minutes":120,
                            "planned_start":"2024-01-17","planned_end":"2024-01-17"}]}""";

    public FactoryStubGateway() {
        super(FactoryStubGateway::route);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(exchange.getRequestMethod() + " " + path + (query.isEmpty() ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body));
        final String t = "/api/tenants/smile-dental";
        String data = switch (exchange.getRequestMethod() + " " + path) {
            case "GET " + t -> TENANT;
            case "GET " + t + "/branding" -> "{\"company_name\":\"Precision Manufacturing Co.\",\"primary_color\":\"#1f4e79\"}";
            case "GET " + t + "/products" -> query.contains("search=250") ? page(BRACKET) : page("""
                    {"id":1,"sku":"MA-1","name":"Main assembly"},{"id":2,"sku":"GS-1","name":"Gear set"},
                    {"id":3,"sku":"ROD-1","name":"Steel rod"}""");
            case "GET " + t + "/products/250" -> BRACKET;
            case "GET " + t + "/boms" -> query.contains("product_id=2") ? page(BOM_2) : page(BOM_1 + "," + BOM_2);
            case "GET " + t + "/boms/1" -> BOM_1;
            case "GET " + t + "/boms/2" -> BOM_2;
            case "GET " + t + "/boms/1/explode" -> query.contains("quantity=0") ? "bad-quantity" : """
                    {"bom_id":1,"bom_code":"BOM-001","version":"1.0","product_id":1,"quantity":10,
                     "materials":[{"product_id":3,"quantity":81.75,"unit_cost":120,"cost":9810}],"material_cost":9810}""";
            case "GET " + t + "/boms/1/cost" -> query.contains("quantity=0") ? "bad-quantity" : """
                    {"bom_id":1,"lot_size":10,"material_cost":981,"operation_cost":45.5,"total_cost":1026.5,
                     "materials":[{"product_id":2,"quantity":2,"unit_cost":396,"cost":792,"sub_assembly":true},
                                  {"product_id":3,"quantity":1.575,"unit_cost":120,"cost":189,"sub_assembly":false}],
                     "operations":[{"sequence":10,"name":"Assembly","work_center_id":4,"minutes_per_unit":6,"cost":45.5}]}""";
            case "POST " + t + "/boms/2/components" -> body.replace(" ", "").contains("\"product_id\":1") ? "cycle" : BOM_2;
            case "PUT " + t + "/boms/1/components/12" -> body.replace(" ", "").contains("\"quantity_per_unit\":0") ? "bad-component" : BOM_1;
            case "DELETE " + t + "/boms/1/components/12", "DELETE " + t + "/boms/1/operations/21" -> "null";
            case "PUT " + t + "/boms/1/operations/21" -> body.replace(" ", "").contains("\"sequence\":20") ? "duplicate-sequence" : BOM_1;
            case "PUT " + t + "/work-centers/4" -> """
                    {"id":4,"name":"Assembly Line 1","capacity":120,"efficiency":0.95,"hourly_cost":350}""";
            case "DELETE " + t + "/work-centers/4" -> "in-use";
            case "GET " + t + "/work-centers" -> page("""
                    {"id":4,"name":"Assembly Line 1","description":"Main assembly line","capacity":100,"efficiency":0.95,"hourly_cost":350}""");
            case "GET " + t + "/work-centers/4/load" -> """
                    {"work_center_id":4,"name":"Assembly Line 1","capacity_hours":100,"from":"2024-01-15","to":"2024-01-17",
                     "days":[{"date":"2024-01-15","scheduled_hours":100,"capacity_hours":100,"utilization":1,"overloaded":false},
                             {"date":"2024-01-16","scheduled_hours":11.03,"capacity_hours":100,"utilization":0.11,"overloaded":false},
                             {"date":"2024-01-17","scheduled_hours":2,"capacity_hours":100,"utilization":0.02,"overloaded":false}]}""";
            case "GET " + t + "/production-orders" -> query.contains("status=in_progress") ? page(ORDER) : page("");
            case "GET " + t + "/production-orders/9" -> ORDER;
            case "GET " + t + "/production-orders/9/inspections" -> """
                    [{"id":5,"production_order_id":9,"sample_size":10,"passed":9,"failed":1,"defect_codes":["SCRATCH"],
                      "readings":[{"name":"diameter_mm","value":25.4,"min":25,"max":25.2,"within_limits":false}],"result":"failed","decision":null}]""";
            case "POST " + t + "/production-orders/9/inspections" -> """
                    {"id":6,"production_order_id":9,"sample_size":10,"passed":10,"failed":0,"result":"passed"}""";
            case "POST " + t + "/production-orders/9/complete" -> "hold";
            default -> "missing";
        };
        switch (data) {
            case "bad-quantity" -> StubGateway.answer(exchange, 400, """
                    {"success":false,"data":null,"message":"quantity must be more than zero","error":{"code":"INVALID_QUANTITY",
                     "details":[{"field":"quantity","message":"quantity must be more than zero"}]}}""", null);
            case "cycle" -> StubGateway.answer(exchange, 422, """
                    {"success":false,"data":null,"message":"%s","error":{"code":"BOM_CYCLE",
                     "details":[{"field":"product_id","message":"%s"}]}}""".formatted(CYCLE, CYCLE), null);
            case "bad-component" -> StubGateway.answer(exchange, 400, """
                    {"success":false,"data":null,"message":"One or more fields are invalid","error":{"code":"VALIDATION_ERROR",
                     "details":[{"field":"quantity_per_unit","message":"quantity_per_unit must be more than 0"}]}}""", null);
            case "duplicate-sequence" -> StubGateway.answer(exchange, 409, StubGateway.error("DUPLICATE", SEQUENCE_TAKEN), null);
            case "in-use" -> StubGateway.answer(exchange, 409, StubGateway.error("IN_USE", IN_USE), null);
            case "hold" -> StubGateway.answer(exchange, 409, StubGateway.error("QUALITY_HOLD",
                    "Production order PO-001 has 1 failed inspection awaiting a decision"), null);
            case "missing" -> StubGateway.answer(exchange, 404, StubGateway.error("NOT_FOUND", "Nothing here"), null);
            default -> StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
        }
    }

    private static String page(String items) {
        return "{\"items\":[" + items + "],\"page\":1,\"size\":100,\"total_items\":" + (items.isEmpty() ? 0 : 1) + ",\"total_pages\":1}";
    }
}
