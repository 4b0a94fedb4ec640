package io.ipsc.web.workspace;

import io.ipsc.client.ApiException;
import io.ipsc.web.chart.Chart;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayCalls;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The workspace home's figures, each asked of the service that owns it through the gateway: this
 * month's invoiced, collected and outstanding amounts and the last 12 months' money in and out
 * (invoicing's cash flow, one call), today's appointments (dental) and the open production orders
 * (manufacturing). Amounts are the API's own; the web adds up nothing. A figure the visitor may not
 * see, or that does not come, is null (shown as a dash) instead of failing the page.
 */
public record HomeFigures(BigDecimal invoiced, BigDecimal collected, BigDecimal outstanding, BigDecimal paidOut,
                          Long appointmentsToday, Long productionOrdersOpen, boolean dental, boolean manufacturing,
                          List<Month> months, Chart cashFlow, LocalDate monthStart, LocalDate today) {

    /** One month of the cash-flow chart, also listed as a table for readers without the picture. */
    public record Month(String label, BigDecimal moneyIn, BigDecimal moneyOut) {
    }

    @ApplicationScoped
    public static class Source {

        private static final Logger LOG = Logger.getLogger(HomeFigures.class);
        private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
        private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
        /** A production order not yet completed or cancelled (manufacturing's OrderStatus). */
        private static final List<String> OPEN_ORDER_STATUSES = List.of("planned", "released", "in_progress");

        private final Gateway gateway;
        private final GatewayCalls calls;

        Source(Gateway gateway, GatewayCalls calls) {
            this.gateway = gateway;
            this.calls = calls;
        }

        public HomeFigures of(String slug, Map<String, Boolean> features, Map<String, String> bearer) {
            LocalDate today = LocalDate.now(IST);
            LocalDate monthStart = today.withDayOfMonth(1);
            LocalDate from = monthStart.minusMonths(11);
            boolean dental = on(features, "dental_management");
            boolean manufacturing = on(features, "manufacturing_management");
            // Each figure is its own service's answer: all asked at once, so the page waits for the slowest only.
            CompletableFuture<Map<String, Object>> cashAsked = calls.start(() -> gateway.cashFlow()
                    .getCashFlow(slug, from.toString(), today.toString(), bearer).getData());
            List<CompletableFuture<Long>> appointmentsAsked = dental ? List.of(
                    calls.start(() -> gateway.appointments()
                            .listAppointments(slug, today.toString(), null, null, 1, null, 1, null, null, bearer).getData().getTotalItems()),
                    calls.start(() -> gateway.appointments()
                            .listAppointments(slug, today.toString(), null, null, 1, null, 1, "cancelled", null, bearer).getData().getTotalItems()))
                    : List.of();
            List<CompletableFuture<Long>> ordersAsked = manufacturing ? OPEN_ORDER_STATUSES.stream()
                    .map(status -> calls.start(() -> gateway.productionOrders().listProductionOrders(slug, 1, 1, status, bearer)
                            .getData().getTotalItems())).toList()
                    : List.of();

            Optional<Map<String, Object>> cash = figure("cash flow", cashAsked);
            List<Month> months = cash.map(Source::months).orElse(List.of());
            Optional<Map<String, Object>> thisMonth = cash.flatMap(c -> monthRow(c, YearMonth.from(today).toString()));
            // Today's appointments that still hold their time (cancelled ones do not count).
            Long appointments = dental ? figure("appointments", appointmentsAsked.get(0))
                    .map(n -> n - figure("cancelled appointments", appointmentsAsked.get(1)).orElse(0L)).orElse(null) : null;
            Long openOrders = manufacturing ? openProductionOrders(ordersAsked) : null;
            return new HomeFigures(
                    thisMonth.map(m -> amount(m.get("invoiced"))).orElse(null),
                    thisMonth.map(m -> amount(m.get("money_in"))).orElse(null),
                    cash.map(c -> c.get("receivables")).filter(Map.class::isInstance).map(r -> amount(((Map<?, ?>) r).get("total"))).orElse(null),
                    thisMonth.map(m -> amount(m.get("money_out"))).orElse(null),
                    appointments, openOrders, dental, manufacturing, months, chart(months), monthStart, today);
        }

        /** Production orders not yet completed or cancelled: the sum over the open statuses, or null if one is not known. */
        private static Long openProductionOrders(List<CompletableFuture<Long>> counts) {
            long open = 0;
            for (CompletableFuture<Long> asked : counts) {
                Optional<Long> count = figure("production orders", asked);
                if (count.isEmpty()) {
                    return null;
                }
                open += count.get();
            }
            return open;
        }

        /** The cash flow's {@code months[]} as rows (also the cash-flow page's). */
        public static List<Month> months(Map<String, Object> cash) {
            List<Month> months = new ArrayList<>();
            if (cash.get("months") instanceof List<?> rows) {
                for (Object row : rows) {
                    if (row instanceof Map<?, ?> m) {
                        months.add(new Month(YearMonth.parse(String.valueOf(m.get("month"))).format(MONTH_LABEL),
                                amount(m.get("money_in")), amount(m.get("money_out"))));
                    }
                }
            }
            return months;
        }

        @SuppressWarnings("unchecked")
        private static Optional<Map<String, Object>> monthRow(Map<String, Object> cash, String month) {
            if (!(cash.get("months") instanceof List<?> rows)) {
                return Optional.empty();
            }
            return rows.stream().filter(Map.class::isInstance).map(r -> (Map<String, Object>) r)
                    .filter(r -> month.equals(r.get("month"))).findFirst();
        }

        /** Money in and out per month, as bars. */
        public static Chart chart(List<Month> months) {
            return Chart.bars(Chart.RUPEES, months.stream().map(Month::label).toList(), List.of(
                    Chart.Series.of("Money in", months.stream().map(Month::moneyIn).toList()),
                    Chart.Series.of("Money out", months.stream().map(Month::moneyOut).toList())));
        }

        private static boolean on(Map<String, Boolean> features, String feature) {
            return features != null && Boolean.TRUE.equals(features.get(feature));
        }

        /** An amount of the API's untyped answer (a number, or null as zero). */
        public static BigDecimal amount(Object value) {
            return value == null ? BigDecimal.ZERO : new BigDecimal(String.valueOf(value));
        }

        private static <T> Optional<T> figure(String what, CompletableFuture<T> asked) {
            try {
                return Optional.ofNullable(GatewayCalls.await(asked));
            } catch (ApiException e) {
                LOG.debugf("%s not shown: the gateway answered %d", what, e.getCode());
                return Optional.empty();
            }
        }
    }
}
