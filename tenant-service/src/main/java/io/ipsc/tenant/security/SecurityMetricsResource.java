package io.ipsc.tenant.security;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.SecurityEvent;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.tenant.TenantAccess;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/security/metrics/{slug}}: what was refused concerning one tenant — failed
 * sign-ins of its members, cross-tenant attempts, refused roles and features, rate-limited
 * requests — over a window (24 hours by default), with the latest events. Gathered from every
 * service through {@code ipsc.security}; readable by platform admins and the tenant's admins.
 */
@Tag(name = "Operations")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/security/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityMetricsResource {

    private static final int MAX_HOURS = 24 * 90;

    /** How each kind is named in the answer. */
    private static final Map<SecurityEvent.Kind, String> COUNT_NAMES = Map.of(
            SecurityEvent.Kind.FAILED_LOGIN, "failed_logins",
            SecurityEvent.Kind.CROSS_TENANT, "cross_tenant_refused",
            SecurityEvent.Kind.ROLE_REFUSED, "role_refused",
            SecurityEvent.Kind.FEATURE_REFUSED, "feature_refused",
            SecurityEvent.Kind.RATE_LIMITED, "rate_limited");

    private final Pool pool;
    private final TenantAccess access;

    public SecurityMetricsResource(Pool pool, TenantAccess access) {
        this.pool = pool;
        this.access = access;
    }

    @GET
    @Path("/{slug}")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,INVALID_WINDOW,INVALID_LIMIT")
    @Operation(operationId = "getSecurityMetrics", summary = "Get a tenant's security event counts")
    public Uni<ApiResponse<Map<String, Object>>> metrics(@PathParam("slug") String slug, @QueryParam("hours") Integer hours,
                                                         @QueryParam("limit") Integer limit) {
        int window = hours == null ? 24 : hours;
        int latest = limit == null ? 20 : limit;
        if (window < 1 || window > MAX_HOURS) {
            throw ApiException.badRequest("INVALID_WINDOW", "hours", "hours must be between 1 and " + MAX_HOURS);
        }
        if (latest < 1 || latest > 100) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit", "limit must be between 1 and 100");
        }
        Instant since = Instant.now().minus(window, ChronoUnit.HOURS);
        Tuple params = Tuple.of(slug, since.atOffset(java.time.ZoneOffset.UTC));
        return access.requireRole(slug, Role.ADMIN)
                .flatMap(t -> pool.preparedQuery("SELECT kind, sum(occurrences) AS total FROM security_events "
                        + "WHERE tenant = $1 AND occurred_at >= $2 GROUP BY kind").execute(params))
                .flatMap(counts -> pool.preparedQuery("SELECT kind, service, caller, route, detail, occurrences, occurred_at "
                                + "FROM security_events WHERE tenant = $1 AND occurred_at >= $2 ORDER BY occurred_at DESC LIMIT $3")
                        .execute(params.addInteger(latest))
                        .map(events -> {
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("tenant", slug);
                            data.put("window_hours", window);
                            data.put("since", since);
                            data.put("counts", counts(counts));
                            data.put("latest_events", events(events));
                            return ApiResponse.ok(data, "Security figures of '" + slug + "' over the last " + window + " hour(s)");
                        }));
    }

    private static Map<String, Long> counts(Iterable<Row> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SecurityEvent.Kind kind : SecurityEvent.Kind.values()) {
            counts.put(COUNT_NAMES.get(kind), 0L);
        }
        for (Row row : rows) {
            String name = COUNT_NAMES.get(SecurityEvent.Kind.valueOf(row.getString("kind")));
            if (name != null) {
                counts.put(name, row.getLong("total"));
            }
        }
        return counts;
    }

    private static List<Map<String, Object>> events(Iterable<Row> rows) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", row.getString("kind"));
            e.put("service", row.getString("service"));
            e.put("caller", row.getString("caller"));
            e.put("route", row.getString("route"));
            e.put("detail", row.getString("detail"));
            e.put("occurrences", row.getInteger("occurrences"));
            e.put("occurred_at", row.getOffsetDateTime("occurred_at").toInstant());
            events.add(e);
        }
        return events;
    }
}
