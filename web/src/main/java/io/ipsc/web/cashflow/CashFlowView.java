package io.ipsc.web.cashflow;

import io.ipsc.web.chart.Chart;
import io.ipsc.web.workspace.HomeFigures;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cash-flow page's figures, every one invoicing's {@code GET /cashflow} answer as it came (the web adds
 * up nothing): receivable and payable ageing, money in and out per month, the customers owing most. Each
 * bar (and each row of the table under its chart) links to the documents behind it, listed by the API's
 * own filters ({@code ageing}, {@code customer_id} with {@code outstanding}).
 */
public record CashFlowView(List<Bar> receivables, BigDecimal receivablesTotal, Chart receivablesChart,
                           List<Bar> payables, BigDecimal payablesTotal, Chart payablesChart,
                           List<MonthRow> months, Chart monthsChart,
                           List<Customer> topCustomers, Chart topCustomersChart) {

    /** One ageing bucket as the page shows it, with the list of what it adds up. */
    public record Bar(String label, BigDecimal amount, String href) {
    }

    /** A month's money in and out, each with the list of the payments it adds up. */
    public record MonthRow(HomeFigures.Month month, String moneyInHref, String moneyOutHref) {
    }

    /** A customer owing money, with the list of its invoices still owed. */
    public record Customer(String name, long invoices, BigDecimal outstanding, String href) {
    }

    static CashFlowView of(Map<String, Object> cash, String base) {
        List<Bar> receivables = buckets(cash.get("receivables"), base + "cashflow/invoices?ageing=");
        List<Bar> payables = buckets(cash.get("payables"), base + "cashflow/purchases?ageing=");
        List<HomeFigures.Month> figures = HomeFigures.Source.months(cash);
        List<String> keys = monthKeys(cash);
        List<MonthRow> months = new ArrayList<>();
        for (int i = 0; i < figures.size() && i < keys.size(); i++) {
            String payments = base + "cashflow/payments?month=" + keys.get(i) + "&direction=";
            months.add(new MonthRow(figures.get(i), payments + "in", payments + "out"));
        }
        Chart monthsChart = HomeFigures.Source.chart(figures);
        monthsChart = monthsChart.withSeries(List.of(monthsChart.series().get(0).linkedTo(months.stream().map(MonthRow::moneyInHref).toList()),
                monthsChart.series().get(1).linkedTo(months.stream().map(MonthRow::moneyOutHref).toList())));
        List<Customer> top = new ArrayList<>();
        if (cash.get("top_customers") instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof Map<?, ?> c) {
                    top.add(new Customer(String.valueOf(c.get("name")), HomeFigures.Source.amount(c.get("invoices")).longValue(),
                            HomeFigures.Source.amount(c.get("outstanding")),
                            base + "cashflow/invoices?customer_id=" + HomeFigures.Source.amount(c.get("customer_id")).toBigInteger()));
                }
            }
        }
        return new CashFlowView(receivables, total(cash.get("receivables")), ageingChart("Owed to you", receivables),
                payables, total(cash.get("payables")), ageingChart("You owe", payables),
                months, monthsChart,
                top, Chart.bars(Chart.RUPEES, top.stream().map(Customer::name).toList(),
                                List.of(Chart.Series.of("Outstanding", top.stream().map(Customer::outstanding).toList())))
                        .horizontally().linkedTo(top.stream().map(Customer::href).toList()));
    }

    private static List<Bar> buckets(Object ageing, String listBase) {
        Map<?, ?> figures = ageing instanceof Map<?, ?> m ? m : Map.of();
        return Ageing.BUCKETS.stream().map(b -> new Bar(b.label(), HomeFigures.Source.amount(figures.get(b.key())),
                listBase + URLEncoder.encode(b.filter(), StandardCharsets.UTF_8))).toList();
    }

    /** The API's {@code months[].month} (2026-11), in its order: the filter of each month's list. */
    private static List<String> monthKeys(Map<String, Object> cash) {
        List<String> keys = new ArrayList<>();
        if (cash.get("months") instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof Map<?, ?> m) {
                    keys.add(String.valueOf(m.get("month")));
                }
            }
        }
        return keys;
    }

    private static BigDecimal total(Object ageing) {
        return HomeFigures.Source.amount(ageing instanceof Map<?, ?> m ? m.get("total") : null);
    }

    private static Chart ageingChart(String series, List<Bar> bars) {
        return Chart.bars(Chart.RUPEES, bars.stream().map(Bar::label).toList(),
                List.of(Chart.Series.of(series, bars.stream().map(Bar::amount).toList()))).linkedTo(bars.stream().map(Bar::href).toList());
    }
}
