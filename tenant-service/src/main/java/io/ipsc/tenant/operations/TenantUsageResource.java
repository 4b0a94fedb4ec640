package io.ipsc.tenant.operations;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.membership.Membership;
import io.ipsc.tenant.tenant.Tenant;
import io.ipsc.tenant.tenant.TenantAccess;
import io.ipsc.tenant.tenant.TenantService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/tenants/{slug}/usage}: the tenant's users, products and this month's
 * transactions against its plan's limits, and the size of each of its databases. Users are counted
 * here; products and transactions come from invoicing-service (which enforces those limits, so
 * the figure shown is the one it refuses on), and the other modules add their own figures. A module
 * that cannot answer is named in the warnings instead of failing the whole view.
 */
@Tag(name = "Tenants")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/tenants/{slug}/usage")
@Produces(MediaType.APPLICATION_JSON)
public class TenantUsageResource {

    /** A figure this close to its limit earns a warning. */
    private static final BigDecimal WARN_AT_PERCENT = BigDecimal.valueOf(80);

    private final TenantAccess access;
    private final TenantService tenants;
    private final ModuleClient modules;
    private final Pool pool;

    public TenantUsageResource(TenantAccess access, TenantService tenants, ModuleClient modules, Pool pool) {
        this.access = access;
        this.tenants = tenants;
        this.modules = modules;
        this.pool = pool;
    }

    @GET
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED")
    @Operation(operationId = "getTenantUsage", summary = "Get a tenant's usage against its plan limits")
    public Uni<ApiResponse<Map<String, Object>>> usage(@PathParam("slug") String slug, @HeaderParam("Authorization") String authorization) {
        return access.requireRole(slug, Role.ADMIN).flatMap(tenant -> Membership.count("tenantId", tenant.id).flatMap(users -> {
            Map<String, String> databases = tenants.databaseNames(tenant);
            Uni<RowSet<Row>> sizes = pool.preparedQuery("SELECT datname, pg_database_size(datname) AS size_bytes FROM pg_database "
                    + "WHERE datname = ANY($1)").execute(Tuple.of(databases.values().toArray(new String[0])));
            List<Uni<ModuleClient.Answer>> asked = new ArrayList<>();
            for (String service : databases.keySet()) {
                if (!service.equals("branding")) {
                    asked.add(modules.get(service, "/api/usage", slug, authorization));
                }
            }
            Uni<List<ModuleClient.Answer>> answers = Uni.join().all(asked).andCollectFailures();
            return Uni.combine().all().unis(sizes, answers).asTuple()
                    .map(both -> view(tenant, users, databases, both.getItem1(), both.getItem2()));
        }));
    }

    private static ApiResponse<Map<String, Object>> view(Tenant tenant, long users, Map<String, String> databases, RowSet<Row> sizes,
                                                         List<ModuleClient.Answer> answers) {
        List<String> warnings = new ArrayList<>();
        Map<String, Object> perModule = new LinkedHashMap<>();
        JsonObject invoicing = null;
        for (ModuleClient.Answer answer : answers) {
            if (answer.ok()) {
                perModule.put(answer.service(), answer.data().getMap());
                if (answer.service().equals("invoicing")) {
                    invoicing = answer.data();
                }
            } else {
                warnings.add("The " + answer.service() + " figures are missing: the service " + answer.problem());
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenant", tenant.slug);
        data.put("plan", tenant.subscriptionPlan);
        data.put("month", invoicing == null ? null : invoicing.getString("month"));
        data.put("users", measure("users", users, tenant.maxUsers, warnings));
        data.put("products", measure("products", invoicing == null ? null : invoicing.getLong("products"), tenant.maxProducts, warnings));
        data.put("transactions_this_month", measure("transactions this month",
                invoicing == null ? null : invoicing.getLong("transactions_this_month"), tenant.maxTransactionsPerMonth, warnings));
        data.put("databases", databaseSizes(databases, sizes));
        data.put("modules", perModule);
        return ApiResponse.ok(data, "Usage of tenant '" + tenant.slug + "' against its " + tenant.subscriptionPlan + " plan", warnings);
    }

    /** {@code used}, {@code limit} (null: unlimited) and {@code percent} of the limit used. */
    private static Map<String, Object> measure(String what, Long used, Integer limit, List<String> warnings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("used", used);
        m.put("limit", limit);
        BigDecimal percent = null;
        if (used != null && limit != null && limit > 0) {
            percent = BigDecimal.valueOf(used * 100).divide(BigDecimal.valueOf(limit), 1, RoundingMode.HALF_UP);
            if (percent.compareTo(WARN_AT_PERCENT) >= 0) {
                warnings.add(what + ": " + used + " of " + limit + " (" + percent.toPlainString() + " % of the plan's limit)");
            }
        }
        m.put("percent", percent);
        return m;
    }

    private static Map<String, Object> databaseSizes(Map<String, String> databases, RowSet<Row> sizes) {
        Map<String, Long> byName = new LinkedHashMap<>();
        sizes.forEach(r -> byName.put(r.getString("datname"), r.getLong("size_bytes")));
        Map<String, Object> out = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, String> db : databases.entrySet()) {
            Long size = byName.get(db.getValue());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("database", db.getValue());
            one.put("size_bytes", size);
            out.put(db.getKey(), one);
            total += size == null ? 0 : size;
        }
        out.put("total_bytes", total);
        return out;
    }
}
