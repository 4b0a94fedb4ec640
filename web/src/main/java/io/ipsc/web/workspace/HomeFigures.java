package io.ipsc.web.workspace;

import io.ipsc.client.ApiException;
import io.ipsc.web.gateway.Gateway;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace home's figures, each asked of the service that owns it through the gateway. A figure
 * the visitor may not see, or that does not come, is null (shown as a dash) instead of failing the page.
 */
public record HomeFigures(Long products, Long customers, Long invoices, BigDecimal moneyIn, BigDecimal moneyOut,
                          LocalDate monthStart, LocalDate today) {

    @ApplicationScoped
    public static class Source {

        private static final Logger LOG = Logger.getLogger(HomeFigures.class);
        private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

        private final Gateway gateway;

        Source(Gateway gateway) {
            this.gateway = gateway;
        }

        public HomeFigures of(String slug, Map<String, String> bearer) {
            LocalDate today = LocalDate.now(IST);
            LocalDate monthStart = today.withDayOfMonth(1);
            Optional<Map<String, Object>> cash = figure("cash flow", () -> gateway.cashFlow()
                    .getCashFlow(slug, monthStart.toString(), today.toString(), bearer).getData());
            return new HomeFigures(
                    figure("products", () -> gateway.products().listProducts(slug, false, 1, null, 1, bearer).getData().getTotalItems()).orElse(null),
                    figure("customers", () -> gateway.customers().listCustomers(slug, 1, null, 1, bearer).getData().getTotalItems()).orElse(null),
                    figure("invoices", () -> gateway.invoices().listInvoices(slug, null, 1, 1, null, bearer).getData().getTotalItems()).orElse(null),
                    cash.map(c -> amount(c.get("money_in"))).orElse(null), cash.map(c -> amount(c.get("money_out"))).orElse(null),
                    monthStart, today);
        }

        private static BigDecimal amount(Object value) {
            return value == null ? BigDecimal.ZERO : new BigDecimal(String.valueOf(value));
        }

        private static <T> Optional<T> figure(String what, Call<T> call) {
            try {
                return Optional.ofNullable(call.get());
            } catch (ApiException e) {
                LOG.debugf("%s not shown: the gateway answered %d", what, e.getCode());
                return Optional.empty();
            }
        }

        @FunctionalInterface
        private interface Call<T> {
            T get() throws ApiException;
        }
    }
}
