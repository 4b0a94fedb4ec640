package io.ipsc.gateway;

import io.ipsc.gateway.docs.SampleOpenApi;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Upstream HTTP servers for the gateway's tests, two per module (its API and its management
 * interface): each answers with what it received (its module and port, method, path, query, the
 * headers the gateway sets, the body), so a test sees exactly what a service would. Branding is
 * pointed at ports where nothing listens, to show a down upstream. A management interface answers
 * {@code /q/openapi?format=json} with the module's {@link SampleOpenApi} document.
 */
public class EchoUpstreams implements QuarkusTestResourceLifecycleManager {

    private static final List<String> MODULES = List.of("tenant-service", "invoicing", "dental", "manufacturing");
    private Vertx vertx;
    private final List<HttpServer> servers = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String module : MODULES) {
            config.put("ipsc.upstream." + module, "http://127.0.0.1:" + listen(echo(module, "api")));
            config.put("ipsc.upstream." + module + ".management", "http://127.0.0.1:" + listen(echo(module, "management")));
        }
        config.put("ipsc.upstream.branding", "http://127.0.0.1:" + closedPort());
        config.put("ipsc.upstream.branding.management", "http://127.0.0.1:" + closedPort());
        return config;
    }

    /**
     * An echo of one interface of a module. As the services are deployed, {@code /q/*} is served only by
     * the management interface; the API answers it 404.
     */
    private Handler<HttpServerRequest> echo(String module, String port) {
        return req -> req.body().onSuccess(body -> {
            if (port.equals("api") && req.path().startsWith("/q/")) {
                req.response().setStatusCode(404).end();
                return;
            }
            if (port.equals("management") && req.path().equals("/q/openapi") && "format=json".equals(req.query())) {
                // A document shaped as the service's own, for the gateway's merged one.
                req.response().putHeader("Content-Type", "application/json").end(SampleOpenApi.document(module).encode());
                return;
            }
            if (req.headers().get("X-Echo-Reset") != null) {
                // A connection that breaks before any answer, as a crashing service's does.
                req.connection().close();
                return;
            }
            JsonObject echo = new JsonObject()
                    .put("module", module)
                    .put("port", port)
                    .put("method", req.method().name())
                    .put("path", req.path())
                    .put("query", req.query())
                    .put("tenant", req.getHeader("X-Tenant-ID"))
                    .put("request_id", req.getHeader("X-Request-ID"))
                    .put("forwarded_for", req.getHeader("X-Forwarded-For"))
                    .put("forwarded_host", req.getHeader("X-Forwarded-Host"))
                    .put("authorization", req.getHeader("Authorization") != null)
                    .put("transfer_encoding", req.getHeader("Transfer-Encoding"))
                    .put("header_names", new JsonArray(req.headers().names().stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted().toList()))
                    .put("body", body.toString());
            // A caller can ask for a slow answer, to show the gateway's timeout.
            long delay = Long.parseLong(req.headers().get("X-Echo-Delay-Ms") == null ? "0" : req.headers().get("X-Echo-Delay-Ms"));
            // ... or a failing one, to show what the gateway measures.
            if (req.headers().get("X-Echo-Status") != null) {
                req.response().setStatusCode(Integer.parseInt(req.headers().get("X-Echo-Status")));
            }
            if (req.headers().get("X-Echo-Retry-After") != null) {
                // as a service answers while a tenant's writes are paused (503 TENANT_MOVING, TOO_BUSY)
                req.response().putHeader("Retry-After", req.headers().get("X-Echo-Retry-After"));
            }
            if (req.headers().get("X-Echo-Empty") != null) {
                // as Quarkus' HTTP layer refuses, before any application code: a status, no body
                req.response().end();
                return;
            }
            if (delay > 0) {
                vertx.setTimer(delay, id -> req.response().putHeader("Content-Type", "application/json").end(echo.encode()));
            } else {
                req.response().putHeader("Content-Type", "application/json").end(echo.encode());
            }
        });
    }

    private int listen(Handler<HttpServerRequest> handler) {
        HttpServer server = vertx.createHttpServer().requestHandler(handler);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        servers.add(server);
        return server.actualPort();
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
