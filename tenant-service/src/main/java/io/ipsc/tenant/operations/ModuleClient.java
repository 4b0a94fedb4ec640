package io.ipsc.tenant.operations;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import io.ipsc.tenant.config.TenantServiceConfig;

import java.time.Duration;
import java.util.Map;

/**
 * Asks a domain service about one tenant, on the caller's behalf: the caller's own token and the
 * tenant in {@code X-Tenant-ID}, so the service applies its own checks as for any request. Used by
 * the operator's views that combine figures from several services. Never fails: a service that
 * cannot answer yields an {@link Answer} saying why, so one stopped service does not hide the rest.
 */
@ApplicationScoped
public class ModuleClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The {@code data} of the service's envelope, or why there is none. */
    public record Answer(String service, JsonObject data, String problem) {

        public boolean ok() {
            return data != null;
        }
    }

    private final HttpClient client;
    /** Each domain service's address, {@code ipsc.upstream.<service>} as in the gateway. */
    private final Map<String, String> upstreams;

    public ModuleClient(Vertx vertx, TenantServiceConfig config) {
        this.upstreams = config.upstream();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) TIMEOUT.toMillis())
                .setMaxPoolSize(8));
    }

    public Uni<Answer> get(String service, String path, String tenant, String authorization) {
        String base = upstreams.get(service);
        if (base == null) {
            return Uni.createFrom().item(new Answer(service, null, "no address configured"));
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(base + path)
                .setTimeout(TIMEOUT.toMillis())
                .putHeader("X-Tenant-ID", tenant).putHeader("Accept", "application/json");
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        return client.request(options)
                .flatMap(request -> request.send())
                .flatMap(response -> response.body().map(body -> {
                    JsonObject envelope;
                    try {
                        envelope = body.toJsonObject();
                    } catch (RuntimeException e) {
                        return new Answer(service, null, "answered " + response.statusCode() + " without JSON");
                    }
                    if (response.statusCode() == 200 && envelope.getValue("data") instanceof JsonObject data) {
                        return new Answer(service, data, null);
                    }
                    JsonObject error = envelope.getJsonObject("error");
                    String code = error == null ? null : error.getString("code");
                    return new Answer(service, null, "answered " + response.statusCode() + (code == null ? "" : " " + code));
                }))
                .onFailure().recoverWithItem(e -> new Answer(service, null, "not reachable (" + e.getClass().getSimpleName() + ")"));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }
}
