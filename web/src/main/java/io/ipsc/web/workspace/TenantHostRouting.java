package io.ipsc.web.workspace;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * {@code http://<slug>.localhost:5173/x} is the same page as {@code http://localhost:5173/t/<slug>/x}:
 * requests on a tenant's host are rerouted, before any other route, to the workspace's paths. What is
 * the same on every host (sign-in, sign-out, static files) is left alone.
 */
@ApplicationScoped
public class TenantHostRouting {

    private static final Set<String> SHARED_PATHS = Set.of("/sign-in", "/sign-out", "/favicon.ico");
    private static final Set<String> SHARED_PREFIXES = Set.of("/static/", "/webjars/", "/t/");

    private final TenantHosts hosts;

    TenantHostRouting(TenantHosts hosts) {
        this.hosts = hosts;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String path = rc.normalizedPath();
            if (SHARED_PATHS.contains(path) || SHARED_PREFIXES.stream().anyMatch(path::startsWith)) {
                rc.next();
                return;
            }
            hosts.tenantOf(rc.request().getHeader("Host")).ifPresentOrElse(slug -> {
                String query = rc.request().query();
                rc.reroute("/t/" + slug + path + (query == null ? "" : "?" + query));
            }, rc::next);
        });
    }
}
