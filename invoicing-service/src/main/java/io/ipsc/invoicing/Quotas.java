package io.ipsc.invoicing;

import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.ipsc.tenancy.metrics.UsageMonth;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * The plan's {@code max_transactions_per_month}: invoices, purchases and payments created in the
 * calendar month in India (the month {@code GET /api/usage} reports, rather than the database
 * session's), so that the figure shown is the one refused on.
 */
public final class Quotas {

    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    private Quotas() {
    }

    public static Uni<Void> checkMonthlyTransactions(SqlClient conn, TenantSnapshot snapshot) {
        Integer limit = snapshot.subscription() == null ? null : snapshot.subscription().maxTransactionsPerMonth();
        if (limit == null) {
            return Uni.createFrom().voidItem();
        }
        UsageMonth month = UsageMonth.current();
        return conn.preparedQuery("SELECT (SELECT count(*) FROM invoices WHERE created_at >= $1) "
                + "+ (SELECT count(*) FROM payments WHERE created_at >= $1) "
                + "+ (SELECT count(*) FROM purchases WHERE created_at >= $1) "
                + "+ (SELECT count(*) FROM purchase_payments WHERE created_at >= $1)").execute(Tuple.of(month.start())).map(rows -> {
            long used = rows.iterator().next().getLong(0);
            if (used >= limit) {
                throw new ApiException(429, "QUOTA_EXCEEDED", "The plan allows " + limit + " transactions a month and "
                        + used + " were made this month; upgrade the subscription", List.of(),
                        Map.of("Retry-After", Long.toString(secondsToNextMonth())));
            }
            return null;
        });
    }

    private static long secondsToNextMonth() {
        LocalDate first = LocalDate.now(INDIA).withDayOfMonth(1).plusMonths(1);
        return Math.max(1, Duration.between(ZonedDateTime.now(INDIA), first.atStartOfDay(INDIA)).toSeconds());
    }
}
