package io.ipsc.tenant;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server where tenant-service expects invoicing-service, answering {@code /api/usage} and
 * {@code /api/tenant-database} in the envelope — only to callers that send a token and the tenant,
 * as the real service demands — so tenant-service's combining of figures can be checked here. The
 * real pair is exercised by the end-to-end test. The other modules point at a closed port.
 */
public class InvoicingStandIn implements QuarkusTestResourceLifecycleManager {

    static final int PRODUCTS = 45;
    static final int TRANSACTIONS = 12;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            String tenant = req.getHeader("X-Tenant-ID");
            if (req.getHeader("Authorization") == null || tenant == null) {
                req.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("success", false).put("error", new JsonObject().put("code", "UNAUTHORIZED")).encode());
                return;
            }
            JsonObject data = switch (req.path()) {
                case "/api/usage" -> new JsonObject().put("products", PRODUCTS).put("customers", 3).put("invoices_this_month", 10)
                        .put("purchases_this_month", 1).put("payments_this_month", 1).put("transactions_this_month", TRANSACTIONS)
                        .put("month", "2026-11");
                case "/api/tenant-database" -> new JsonObject().put("tenant", tenant).put("schema_version", "7")
                        .put("pool", new JsonObject().put("open", true).put("in_flight", 0).put("max_connections", 2));
                default -> null;
            };
            req.response().setStatusCode(data == null ? 404 : 200).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("success", data != null).put("data", data).encode());
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("ipsc.upstream.invoicing", "http://127.0.0.1:" + server.actualPort());
        int closed = closedPort();
        for (String module : new String[] {"dental", "manufacturing", "branding"}) {
            config.put("ipsc.upstream." + module, "http://127.0.0.1:" + closed);
        }
        return config;
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
