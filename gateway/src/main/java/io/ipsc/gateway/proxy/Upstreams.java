package io.ipsc.gateway.proxy;

import io.ipsc.gateway.routing.Module;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Pooled keep-alive HTTP clients per base URL, created once. Each module has two: its API,
 * {@code ipsc.upstream.<module>} ({@code IPSC_UPSTREAM_INVOICING=http://invoicing-service:8082}),
 * where requests are forwarded; and its management interface, {@code ipsc.upstream.<module>.management}
 * ({@code IPSC_UPSTREAM_INVOICING_MANAGEMENT=http://invoicing-service:9082}), where the gateway asks
 * for its readiness and its OpenAPI document.
 *
 * <p>Callers' requests are forwarded on a client of the event loop they arrived on ({@link #client}): a
 * client's pool hands any idle connection to any caller, and a connection belongs to the event loop
 * that opened it, so with one client for all loops most forwarded requests were written from one
 * thread to a connection of another and their answers handed back across again, two thread hops per
 * request on a machine with few cores. One client per loop keeps a request and its upstream
 * connection on the same thread.
 */
@Singleton
public class Upstreams {

    private final Map<URI, HttpClient> byUrl = new LinkedHashMap<>();
    private final Map<Module, HttpClient> api = new EnumMap<>(Module.class);
    private final Map<Module, HttpClient> management = new EnumMap<>(Module.class);
    private final Map<Module, URI> apiUrls = new EnumMap<>(Module.class);
    /** The API clients of the current event loop, created on it when it first forwards a request. */
    private final ThreadLocal<Map<Module, HttpClient>> eventLoopClients = ThreadLocal.withInitial(() -> new EnumMap<>(Module.class));
    private final Queue<HttpClient> eventLoopCreated = new ConcurrentLinkedQueue<>();
    private final Vertx vertx;
    /** Connections each event loop's client may open to a module: together the loops keep to {@link #POOL_SIZE}. */
    private final int perLoopPoolSize;

    /** Connections to one module's API from this gateway instance, as when one shared client held them all. */
    static final int POOL_SIZE = 64;

    public Upstreams(Vertx vertx) {
        this.vertx = vertx;
        Config config = ConfigProvider.getConfig();
        // Quarkus' event loops: its setting, or Vert.x's default of two per core.
        int loops = config.getOptionalValue("quarkus.vertx.event-loops-size", Integer.class)
                .orElse(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
        this.perLoopPoolSize = perLoopPoolSize(loops);
        for (Module module : Module.values()) {
            URI apiUrl = URI.create(config.getOptionalValue("ipsc.upstream." + module.id(), String.class).orElse(module.defaultUrl()));
            URI managementUrl = URI.create(config.getOptionalValue("ipsc.upstream." + module.id() + ".management", String.class)
                    .orElse(module.defaultManagementUrl()));
            apiUrls.put(module, apiUrl);
            api.put(module, byUrl.computeIfAbsent(apiUrl, url -> create(vertx, url, POOL_SIZE)));
            management.put(module, byUrl.computeIfAbsent(managementUrl, url -> create(vertx, url, POOL_SIZE)));
        }
    }

    /**
     * A loop's share of {@link #POOL_SIZE}, at least 8: one client per loop with the whole pool each would let a gateway
     * on a large machine (32 loops) open 2,048 connections to every service.
     */
    static int perLoopPoolSize(int loops) {
        return Math.max(8, POOL_SIZE / Math.max(1, loops));
    }

    private static HttpClient create(Vertx vertx, URI url, int poolSize) {
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(url.getHost())
                .setDefaultPort(url.getPort() > 0 ? url.getPort() : 80)
                .setKeepAlive(true)
                .setConnectTimeout(2_000)
                .setIdleTimeout(60);
        return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(poolSize));
    }

    /**
     * The module's API, where callers' requests go: on an event loop, that loop's own client (its connections
     * opened by and served on this thread); elsewhere the shared one.
     */
    public HttpClient client(Module module) {
        if (!Context.isOnEventLoopThread()) {
            return api.get(module);
        }
        return eventLoopClients.get().computeIfAbsent(module, m -> {
            HttpClient client = create(vertx, apiUrls.get(m), perLoopPoolSize);
            eventLoopCreated.add(client);
            return client;
        });
    }

    /** The module's management interface: {@code /q/health/*}, {@code /q/openapi}. */
    public HttpClient management(Module module) {
        return management.get(module);
    }

    @PreDestroy
    void close() {
        byUrl.values().forEach(HttpClient::close);
        eventLoopCreated.forEach(HttpClient::close);
    }
}
