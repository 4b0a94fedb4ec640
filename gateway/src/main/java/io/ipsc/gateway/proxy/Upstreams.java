package io.ipsc.gateway.proxy;

import io.ipsc.gateway.routing.Module;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * One pooled keep-alive HTTP client per module, created once: {@code ipsc.upstream.<module>} is its
 * base URL ({@code IPSC_UPSTREAM_INVOICING=http://invoicing-service:8082}).
 */
@Singleton
public class Upstreams {

    private final Map<Module, HttpClient> clients = new EnumMap<>(Module.class);
    private final Map<Module, URI> urls = new EnumMap<>(Module.class);

    public Upstreams(Vertx vertx) {
        for (Module module : Module.values()) {
            URI url = URI.create(ConfigProvider.getConfig()
                    .getOptionalValue("ipsc.upstream." + module.id(), String.class).orElse(module.defaultUrl()));
            urls.put(module, url);
            HttpClientOptions options = new HttpClientOptions()
                    .setDefaultHost(url.getHost())
                    .setDefaultPort(url.getPort() > 0 ? url.getPort() : 80)
                    .setKeepAlive(true)
                    .setConnectTimeout(2_000)
                    .setIdleTimeout(60);
            clients.put(module, vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(64)));
        }
    }

    public HttpClient client(Module module) {
        return clients.get(module);
    }

    public URI url(Module module) {
        return urls.get(module);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }
}
