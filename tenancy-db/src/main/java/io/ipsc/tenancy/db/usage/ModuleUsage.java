package io.ipsc.tenancy.db.usage;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.metrics.UsageMonth;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.function.BiFunction;

/**
 * What every module's {@code GET /api/usage} does the same way, for tenant-service's
 * {@code /api/tenants/{slug}/usage}: only the tenant's admins (and platform admins) read it; one
 * statement on the tenant's database counts this month's work, its {@code $1} and {@code $2} the
 * month's bounds ({@link UsageMonth}: the calendar month in India); the answer names the tenant, the
 * module and the month. Each module keeps only what is its own: the statement and its figures' record
 * (a record per module, so that the OpenAPI document shows each one's fields), in a resource that extends
 * {@link ModuleUsageResource}.
 */
public final class ModuleUsage {

    /** The service's name, {@code dental-service}: its module is the name without {@code -service}. */
    static final String APPLICATION_NAME = "quarkus.application.name";

    private ModuleUsage() {
    }

    /** The module a service serves, by the service's name: {@code dental-service} → {@code dental}. */
    static String module(String applicationName) {
        return applicationName.endsWith("-service") ? applicationName.substring(0, applicationName.length() - "-service".length())
                : applicationName;
    }

    /**
     * @param module   the module's name in the answer's message ("dental")
     * @param counts   one statement returning one row; {@code $1}/{@code $2} are this month's start and end
     * @param figures  the row (and the month) as the module's usage record
     */
    public static <T> Uni<ApiResponse<T>> thisMonth(TenantContext tenant, String module, String counts,
                                                    BiFunction<Row, UsageMonth, T> figures) {
        tenant.requireRole(Role.ADMIN, "read the usage figures");
        UsageMonth month = UsageMonth.current();
        return tenant.withDatabase(pool -> pool.preparedQuery(counts).execute(Tuple.of(month.start(), month.end())))
                .map(rows -> ApiResponse.ok(figures.apply(rows.iterator().next(), month),
                        "Usage of tenant '" + tenant.slug() + "' in " + module + ", " + month.label()));
    }
}
