package io.ipsc.gateway.docs;

import io.ipsc.gateway.proxy.Upstreams;
import io.ipsc.gateway.routing.Module;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's merged OpenAPI document ({@code GET /docs/openapi}), built from each module's own
 * ({@code /q/openapi?format=json} on its management interface) at start, every
 * {@code ipsc.gateway.openapi.refresh-seconds}, and when asked while a module is missing from it.
 * Fetched with the Vert.x client, so nothing waits on the event loop; kept in memory.
 */
@Singleton
public class SuiteOpenApi {

    private static final long RETRY_MILLIS = 2_000;
    static final String OWN_DOCUMENT = "openapi/gateway.json";
    private static final Logger LOG = Logger.getLogger(SuiteOpenApi.class);

    private final Upstreams upstreams;
    private final Vertx vertx;
    private final String publicUrl;
    private final long refreshMillis;
    private final long fetchTimeoutMillis;
    /** The gateway's own operations, described in {@link #OWN_DOCUMENT}: read once. */
    private final JsonObject own;
    private volatile JsonObject cached;
    private volatile boolean complete;
    private volatile long builtAt;
    private Future<JsonObject> building;
    private long timer = -1;

    public SuiteOpenApi(Upstreams upstreams, Vertx vertx,
                        @ConfigProperty(name = "ipsc.gateway.public-url", defaultValue = "http://localhost:8000") String publicUrl,
                        @ConfigProperty(name = "ipsc.gateway.openapi.refresh-seconds", defaultValue = "60") long refreshSeconds,
                        @ConfigProperty(name = "ipsc.gateway.openapi.fetch-timeout-ms", defaultValue = "5000") long fetchTimeoutMillis) {
        this.upstreams = upstreams;
        this.vertx = vertx;
        this.publicUrl = publicUrl;
        this.refreshMillis = refreshSeconds * 1000;
        this.fetchTimeoutMillis = fetchTimeoutMillis;
        this.own = ownDocument();
    }

    /** The gateway's routes are Vert.x handlers that SmallRye cannot scan, so they are described by hand. */
    static JsonObject ownDocument() {
        try (InputStream in = SuiteOpenApi.class.getClassLoader().getResourceAsStream(OWN_DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(OWN_DOCUMENT + " is missing from the gateway's classpath");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start(@Observes StartupEvent started) {
        refresh();
        timer = vertx.setPeriodic(refreshMillis, id -> refresh());
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * The merged document; rebuilt first if the cached one lacks a module (it may have come up since),
     * at most once every {@link #RETRY_MILLIS} so that a module that stays down costs little.
     */
    public Future<JsonObject> document() {
        JsonObject current = cached;
        boolean fresh = current != null && (complete || System.currentTimeMillis() - builtAt < RETRY_MILLIS);
        return fresh ? Future.succeededFuture(current) : refresh();
    }

    /** One build at a time: callers during a build share its result. */
    synchronized Future<JsonObject> refresh() {
        if (building != null) {
            return building;
        }
        Map<Module, Future<JsonObject>> fetches = new EnumMap<>(Module.class);
        for (Module module : Module.values()) {
            fetches.put(module, fetch(module));
        }
        Promise<JsonObject> built = Promise.promise();
        building = built.future();
        Future.join(new ArrayList<>(fetches.values())).onComplete(done -> {
            Map<Module, JsonObject> documents = new EnumMap<>(Module.class);
            List<Module> missing = new ArrayList<>();
            fetches.forEach((module, fetch) -> {
                if (fetch.succeeded()) {
                    documents.put(module, fetch.result());
                } else {
                    missing.add(module);
                    LOG.debugf("OpenAPI of %s left out of the suite's document: %s", module.id(), fetch.cause().getMessage());
                }
            });
            JsonObject merged = OpenApiMerger.merge(own, documents, missing, publicUrl);
            List<String> duplicates = OpenApiMerger.duplicateOperationIds(merged);
            if (!duplicates.isEmpty()) {
                LOG.warnf("operationIds used by more than one operation of the suite (generated clients will clash): %s", duplicates);
            }
            cached = merged;
            complete = missing.isEmpty();
            builtAt = System.currentTimeMillis();
            synchronized (this) {
                building = null;
            }
            built.complete(merged);
        });
        return built.future();
    }

    private Future<JsonObject> fetch(Module module) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/q/openapi?format=json")
                .putHeader("Accept", "application/json").setTimeout(fetchTimeoutMillis);
        return upstreams.management(module).request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(body -> {
                    JsonObject document = body.toJsonObject();
                    if (!document.containsKey("paths")) {
                        throw new IllegalStateException("not an OpenAPI document");
                    }
                    return document;
                });
    }
}
