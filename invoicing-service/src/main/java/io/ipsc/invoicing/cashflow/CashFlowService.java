package io.ipsc.invoicing.cashflow;

import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cash flow's use cases: the period's figures and the payments behind them, over dates read as the API takes them. */
@RequestScoped
public class CashFlowService {

    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    /** A period of days, both counted. */
    public record Period(LocalDate from, LocalDate to) {
    }

    private final TenantContext tenant;
    private final CashFlowRepository cashFlow;

    public CashFlowService(TenantContext tenant, CashFlowRepository cashFlow) {
        this.tenant = tenant;
        this.cashFlow = cashFlow;
    }

    /** {@code from} and {@code to} as given, else the twelve months to today in India. */
    public Period period(String fromText, String toText) {
        LocalDate to = parse(toText, "to", LocalDate.now(INDIA));
        LocalDate from = parse(fromText, "from", to.withDayOfMonth(1).minusMonths(11));
        if (from.isAfter(to)) {
            throw ApiException.badRequest("INVALID_RANGE", "from", "from must not be after to");
        }
        return new Period(from, to);
    }

    /** Per month and in all: money in, out, net and invoiced; receivables and payables by ageing bucket today; the top customers. */
    public Uni<Map<String, Object>> cashFlow(Period period) {
        LocalDate today = LocalDate.now(INDIA);
        return tenant.withDatabase(pool -> cashFlow.months(pool, period.from(), period.to())
                .flatMap(months -> cashFlow.receivables(pool, today)
                        .flatMap(receivables -> cashFlow.payables(pool, today)
                                .flatMap(payables -> cashFlow.topCustomers(pool).map(top -> {
                                    List<Map<String, Object>> perMonth = new ArrayList<>();
                                    BigDecimal in = BigDecimal.ZERO;
                                    BigDecimal out = BigDecimal.ZERO;
                                    BigDecimal invoiced = BigDecimal.ZERO;
                                    for (CashFlowRepository.Month m : months) {
                                        in = in.add(m.moneyIn());
                                        out = out.add(m.moneyOut());
                                        invoiced = invoiced.add(m.invoiced());
                                        perMonth.add(Map.of("month", m.month(), "money_in", m.moneyIn(), "money_out", m.moneyOut(),
                                                "net", m.moneyIn().subtract(m.moneyOut()), "invoiced", m.invoiced()));
                                    }
                                    Map<String, Object> data = new LinkedHashMap<>();
                                    data.put("from", period.from());
                                    data.put("to", period.to());
                                    data.put("months", perMonth);
                                    data.put("money_in", in);
                                    data.put("money_out", out);
                                    data.put("net", in.subtract(out));
                                    data.put("invoiced", invoiced);
                                    data.put("receivables", receivables);
                                    data.put("payables", payables);
                                    data.put("top_customers", top);
                                    return data;
                                })))));
    }

    /**
     * The payments received ({@code in}) or made ({@code out}) from {@code from} to {@code to} (by default as {@link #period}), a page of them.
     *
     * @throws ApiException 400 {@code INVALID_FILTER} on {@code direction} when it is neither
     */
    public Uni<CashFlowRepository.Payments> payments(String direction, String fromText, String toText, PageRequest request) {
        String wanted = direction == null ? null : direction.trim();
        if (wanted == null || !CashFlowRepository.PAYMENTS.containsKey(wanted)) {
            throw ApiException.badRequest("INVALID_FILTER", "direction", "direction must be in (payments received) or out (payments made)");
        }
        Period period = period(fromText, toText);
        return tenant.withDatabase(pool -> cashFlow.payments(pool, wanted, period.from(), period.to(), request));
    }

    private static LocalDate parse(String text, String field, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_DATE", field, field + " must be a date like 2024-04-01");
        }
    }
}
