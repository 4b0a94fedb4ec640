package io.ipsc.web.settings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's usage as {@code GET /api/tenants/{slug}/usage} reports it (a free-form map), read into
 * bars against the plan's limits: each measured figure ({@code used}, {@code limit}, {@code percent})
 * becomes a bar, a figure at 80 % of its limit or more is marked, and the databases' total size is a
 * figure without a limit (the plans set none). What the API does not send is not shown.
 */
public record Usage(String plan, String month, List<Bar> bars, Long storageBytes, List<String> warnings) {

    /** At this share of a limit a bar is shown as a warning, as tenant-service warns. */
    static final double WARN_AT_PERCENT = 80;

    /** The figures with limits, in the order shown, with the words for each. */
    private static final List<Map.Entry<String, String>> MEASURES = List.of(
            Map.entry("users", "Users"),
            Map.entry("products", "Products"),
            Map.entry("transactions_this_month", "Invoices and transactions this month"));

    public record Bar(String key, String label, long used, Long limit, double percent) {

        public boolean warn() {
            return limit != null && percent >= WARN_AT_PERCENT;
        }

        public boolean full() {
            return limit != null && used >= limit;
        }

        /** "3 of 5", or "3 (no limit)". */
        public String text() {
            return limit == null ? used + " (no limit)" : used + " of " + limit;
        }

        /** For the bar's {@code <meter>}: the limit, or the figure itself when there is none. */
        public long max() {
            return limit == null ? Math.max(1, used) : Math.max(1, limit);
        }

        /** Where the meter turns to its warning colour. */
        public double high() {
            return max() * WARN_AT_PERCENT / 100;
        }
    }

    static Usage of(Map<String, Object> data, List<String> warnings) {
        List<Bar> bars = new ArrayList<>();
        for (Map.Entry<String, String> measure : MEASURES) {
            if (data.get(measure.getKey()) instanceof Map<?, ?> m && m.get("used") instanceof Number used) {
                Long limit = m.get("limit") instanceof Number l ? l.longValue() : null;
                double percent = m.get("percent") instanceof Number p ? p.doubleValue()
                        : limit == null || limit <= 0 ? 0 : used.doubleValue() * 100 / limit;
                bars.add(new Bar(measure.getKey(), measure.getValue(), used.longValue(), limit, percent));
            }
        }
        Long storage = data.get("databases") instanceof Map<?, ?> dbs && dbs.get("total_bytes") instanceof Number total
                ? total.longValue() : null;
        return new Usage(string(data.get("plan")), string(data.get("month")), List.copyOf(bars), storage,
                warnings == null ? List.of() : List.copyOf(warnings));
    }

    public String storage() {
        return storageBytes == null ? null : bytes(storageBytes);
    }

    /** A size as people read it: 1,024 bytes is 1.0 KB. */
    static String bytes(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String string(Object value) {
        return value == null ? null : value instanceof BigDecimal b ? b.toPlainString() : value.toString();
    }
}
