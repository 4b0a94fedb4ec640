package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in gateway for the operator console's tests: sign-in as {@link StubGateway} answers it, and
 * the operator's endpoints with the shapes the suite sends, for one tenant (smile-dental) whose dental
 * provisioning failed. Every call it receives is noted ("GET /api/tenants?search=smile ...", with the
 * body of a write) so that a test can see what the console asked for; a call without the admin's token
 * is refused 401 as the gateway would. Database clusters: main (where smile-dental is), second (open) and old
 * (closed); precision-mfg is being moved from main to second.
 */
public class OperatorStubGateway extends StandInGateway {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static final String TENANT = """
            {"id":7,"slug":"smile-dental","name":"Smile Dental Clinic","organization_type":"dental_clinic","status":"%s",
             "contact_person":"Dr. Sarah Johnson","contact_email":"dr.sarah@smiledental.com","contact_phone":"+91-9876543210",
             "gstin":"27AABFS1234A1Z5","gstin_verified":true,"features":{"dental_management":true,"invoicing":true,"manufacturing":false},
             "subscription":{"plan":"basic","max_users":10,"max_products":1000,"max_transactions_per_month":5000},
             "created_at":"2024-01-15T20:00:00Z","placement":{"cluster":"main","version":3},
             "provisioning":{"invoicing":{"status":"PROVISIONED","schema_version":"12"},
                             "dental":{"status":"FAILED","detail":"could not create database: disk full"}}}""";

    private static final String OTHER = """
            {"id":8,"slug":"precision-mfg","name":"Precision Manufacturing","organization_type":"manufacturing","status":"active",
             "subscription":{"plan":"premium"},"created_at":"2024-02-01T05:30:00Z"}""";

    private static final String MOVING = """
            {"id":12,"from_cluster":"main","to_cluster":"second","state":"moving","started_at":"2024-06-01T10:00:00Z",
             "services":{"invoicing":{"state":"catching_up"},"manufacturing":{"state":"copying"},"branding":{"state":"switched"}}}""";

    private static final String CLUSTERS = """
            [{"name":"main","state":"open","capacity":500,"tenants":42,"free":458,"version":2},
             {"name":"old","state":"closed","capacity":10,"tenants":0,"free":10,"version":1},
             {"name":"second","state":"open","capacity":100000,"tenants":3,"free":99997,"version":1}]""";

    public OperatorStubGateway() {
        super(OperatorStubGateway::route);
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && "/api/tenants".equals(path)) {
            StubGateway.createTenant(exchange);
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String call = exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body);
        CALLS.add(call);
        if (!("Bearer " + StubGateway.ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            StubGateway.answer(exchange, 401, StubGateway.error("UNAUTHORIZED", "No valid token"), null);
            return;
        }
        String refusal = switch (exchange.getRequestMethod() + " " + path) {
            case "POST /api/tenants/smile-dental/move" -> body.contains("\"old\"")
                    ? StubGateway.error("CLUSTER_NOT_OPEN", "Cluster old is closed: it takes no tenants") : null;
            case "POST /api/database/clusters" -> body.contains("\"main\"")
                    ? StubGateway.error("CLUSTER_EXISTS", "A cluster named main exists already") : null;
            case "PUT /api/database/clusters/main" -> body.contains("\"capacity\":1,") || body.contains("\"capacity\":1}")
                    ? StubGateway.error("CAPACITY_BELOW_TENANTS", "main holds 42 tenants, more than the capacity asked (1); set it to draining to stop new tenants instead")
                    : null;
            default -> null;
        };
        if (refusal != null) {
            StubGateway.answer(exchange, 409, refusal, null);
            return;
        }
        String data = switch (exchange.getRequestMethod() + " " + path) {
            case "GET /api/tenants" -> query != null && query.contains("search=smile")
                    ? "{\"items\":[" + TENANT.formatted("active") + "],\"page\":1,\"size\":20,\"total_items\":1,\"total_pages\":1}"
                    : "{\"items\":[" + TENANT.formatted("active") + "," + OTHER + "],\"page\":1,\"size\":20,\"total_items\":42,\"total_pages\":3}";
            case "GET /api/tenants/smile-dental", "POST /api/tenants/smile-dental/reactivate",
                 "POST /api/tenants/smile-dental/provisioning/retry" -> TENANT.formatted("active");
            case "POST /api/tenants/smile-dental/suspend" -> TENANT.formatted("suspended");
            case "DELETE /api/tenants/smile-dental" -> TENANT.formatted("deleted");
            case "GET /api/tenants/precision-mfg" -> OTHER.substring(0, OTHER.lastIndexOf('}'))
                    + ",\"placement\":{\"cluster\":\"main\",\"version\":4},\"move\":" + MOVING + "}";
            case "GET /api/tenants/precision-mfg/moves" -> "[" + MOVING + "]";
            case "GET /api/tenants/smile-dental/moves" -> """
                    [{"id":9,"from_cluster":"second","to_cluster":"main","state":"failed","started_at":"2024-05-02T10:00:00Z",
                      "finished_at":"2024-05-02T10:01:12Z","error":"dental: could not copy: no space left"},
                     {"id":8,"from_cluster":"main","to_cluster":"second","state":"switched","started_at":"2024-05-01T10:00:00Z",
                      "finished_at":"2024-05-01T10:00:04Z"}]""";
            case "POST /api/tenants/smile-dental/move" -> MOVING;
            case "GET /api/database/clusters" -> CLUSTERS;
            case "POST /api/database/clusters" -> "{\"name\":\"eu2\",\"state\":\"closed\",\"capacity\":50,\"tenants\":0,\"free\":50}";
            case "PUT /api/database/clusters/main" -> "{\"name\":\"main\",\"state\":\"draining\",\"capacity\":500,\"tenants\":42,\"free\":0}";
            case "PUT /api/tenants/smile-dental/subscription" ->
                    "{\"plan\":\"premium\",\"max_users\":25,\"max_products\":10000,\"max_transactions_per_month\":50000}";
            case "GET /api/tenants/smile-dental/config" -> """
                    {"slug":"smile-dental","status":"active","databases":{"invoicing":"tenant_smile_dental_invoicing",
                     "dental":"tenant_smile_dental_dental","branding":"tenant_smile_dental_branding"}}""";
            case "GET /api/tenants/smile-dental/usage" -> """
                    {"tenant":"smile-dental","plan":"basic","month":"2024-06",
                     "users":{"used":9,"limit":10,"percent":90.0},"products":{"used":120,"limit":1000,"percent":12.0},
                     "transactions_this_month":{"used":1234567,"limit":null,"percent":null},
                     "databases":{"invoicing":{"database":"tenant_smile_dental_invoicing","size_bytes":8302383},"total_bytes":8302383}}""";
            case "GET /api/tenants/smile-dental/performance" -> """
                    {"tenant":"smile-dental","measured_by":"gateway","windows":{
                     "last_5_minutes":{"total":{"requests":3,"server_errors":0,"client_errors":1,"error_rate":0,"p50_ms":12.5,"p95_ms":40,"p99_ms":41},
                       "modules":{"invoicing":{"requests":3,"server_errors":0,"client_errors":1,"p50_ms":12.5,"p95_ms":40,"p99_ms":41}}},
                     "last_60_minutes":{"total":{"requests":150000,"server_errors":2,"client_errors":5,"error_rate":0.0000133,"p50_ms":10,"p95_ms":80,"p99_ms":120},
                       "modules":{"invoicing":{"requests":149000,"p50_ms":10,"p95_ms":80,"p99_ms":120},
                                  "dental":{"requests":1000,"p50_ms":22,"p95_ms":95,"p99_ms":130}}}}}""";
            case "GET /api/database/performance/smile-dental" -> """
                    {"tenant":"smile-dental","databases":{
                     "invoicing":{"database":"tenant_smile_dental_invoicing","exists":true,"size_bytes":8302383,"connections":3,
                                  "commits":1500,"rollbacks":2,"cache_hit_ratio":0.9876,"deadlocks":0,"temp_bytes":0,
                                  "schema_version":"12","pool":{"size":5,"in_use":1}},
                     "dental":{"database":"tenant_smile_dental_dental","exists":false,"pool":null}}}""";
            case "GET /api/database/slow-queries/smile-dental" -> null;
            case "GET /api/security/metrics/smile-dental" -> """
                    {"tenant":"smile-dental","window_hours":24,"since":"2024-06-01T00:00:00Z",
                     "counts":{"failed_logins":4,"cross_tenant_refused":1,"role_refused":0,"feature_refused":0,"rate_limited":0},
                     "latest_events":[{"kind":"FAILED_LOGIN","service":"tenant","caller":"meera@example.com","route":"POST /api/auth/login",
                       "detail":"<b>wrong</b> password","occurrences":4,"occurred_at":"2024-06-01T20:00:00Z"}]}""";
            case "GET /api/health/detailed" -> """
                    {"status":"degraded","multi_tenant_enabled":true,"services":{
                     "tenant":{"status":"up","http_status":200},"invoicing":{"status":"up","http_status":200},
                     "dental":{"status":"unreachable","error":"Connection refused"}},
                     "kafka":{"tenant_directory_ready":true},"tenants_by_status":{"active":40,"suspended":2}}""";
            case "GET /api/system/status" -> """
                    {"version":"0.1.0","uptime_seconds":97500,"multi_tenant_enabled":true,"max_tenants_per_instance":100,
                     "tenants_by_status":{"active":40,"suspended":2},"tenants_total":42}""";
            default -> "";
        };
        if (data == null) {
            StubGateway.answer(exchange, 503, StubGateway.error("STATISTICS_UNAVAILABLE",
                    "pg_stat_statements is not loaded on this PostgreSQL server"), null);
        } else if (data.isEmpty()) {
            StubGateway.answer(exchange, 404, StubGateway.error("TENANT_NOT_FOUND", "No tenant here"), null);
        } else {
            StubGateway.answer(exchange, 200, "{\"success\":true,\"message\":\"ok\",\"data\":" + data + "}", null);
        }
    }
}
