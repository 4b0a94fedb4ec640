package io.ipsc.web.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** getTenantUsage as the console shows it: each measure against the plan's limit, and the databases' sizes. */
public record UsageView(String plan, String month, List<Measure> measures, List<Database> databases, String totalSize,
                        List<String> warnings) {

    /** The API warns from 80 % of a limit; the bar turns amber there too. */
    static final double WARN_AT_PERCENT = 80;

    private static final Map<String, String> MEASURES = Map.of(
            "users", "Users", "products", "Products", "transactions_this_month", "Transactions this month");

    /**
     * One measure. {@code limit} null is unlimited; {@code used} null is unknown (its service did not answer).
     * {@code meterMax}/{@code meterValue} feed a {@code <meter>}: no inline style is needed for the bar.
     */
    public record Measure(String label, String used, String limit, String percent, long meterValue, long meterMax,
                          boolean limited, boolean warn) {

        public long meterHigh() {
            return Math.round(meterMax * WARN_AT_PERCENT / 100);
        }
    }

    public record Database(String service, String name, String size) {
    }

    static UsageView of(JsonNode data, List<String> warnings) {
        List<Measure> measures = new ArrayList<>();
        for (String key : List.of("users", "products", "transactions_this_month")) {
            JsonNode m = data.path(key);
            JsonNode used = m.path("used");
            JsonNode limit = m.path("limit");
            boolean limited = limit.isNumber() && limit.asLong() > 0;
            double percent = m.path("percent").isNumber() ? m.path("percent").asDouble() : 0;
            measures.add(new Measure(MEASURES.get(key), Figures.count(used), limited ? Figures.count(limit) : "unlimited",
                    Figures.percent(m.path("percent")), Math.max(0, used.asLong()), limited ? limit.asLong() : 0, limited,
                    percent >= WARN_AT_PERCENT));
        }
        List<Database> databases = new ArrayList<>();
        data.path("databases").fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                databases.add(new Database(e.getKey(), Figures.text(e.getValue().path("database")),
                        Figures.bytes(e.getValue().path("size_bytes"))));
            }
        });
        return new UsageView(Figures.text(data.path("plan")), Figures.text(data.path("month")), measures, databases,
                Figures.bytes(data.path("databases").path("total_bytes")), warnings == null ? List.of() : warnings);
    }
}
