package io.ipsc.tenancy.metrics;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the path template of the resource method that answered ({@code /api/products/{id}}) for
 * {@link ServerRequestTimer}'s {@code uri} label: read once per method from its {@code @Path} annotations, never from
 * the request line, so that every product's requests share one series.
 */
public class ResourceTemplates {

    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    @ServerResponseFilter
    public void name(RoutingContext ctx, ResourceInfo resource) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        Method method = type == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        ctx.put(ServerRequestTimer.URI, TEMPLATES.computeIfAbsent(method, m -> template(type.getAnnotation(Path.class), m.getAnnotation(Path.class))));
    }

    /** The class's and the method's templates joined with one slash, without a trailing one. */
    static String template(Path type, Path method) {
        String joined = "/" + (type == null ? "" : type.value()) + "/" + (method == null ? "" : method.value());
        String normalized = joined.replaceAll("/{2,}", "/");
        return normalized.length() > 1 && normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }
}
