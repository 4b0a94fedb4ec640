package io.ipsc.web.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code static/charts.js} draws, written into a page as the {@code data-chart} attribute of an
 * element with class {@code chart}: {@code <div class="chart" data-chart="{chart.json}" role="img"
 * aria-label="…">No figures yet</div>}. Qute escapes the JSON into the attribute; the browser gives it
 * back unescaped. The contract is in web/README.md ("Charts").
 *
 * @param type       the series' default kind: {@code bar} or {@code line}
 * @param unit       {@code rupees} (₹, lakh and crore grouping), or a suffix for the values ({@code ms}), or empty
 * @param horizontal bars along the value axis from a vertical list of labels (long labels, phone width)
 * @param labels     the categories, in order
 * @param series     one or more named rows of values, one value per label (null: no value)
 * @param links      where a click on a label's bars goes, one same-site address per label (empty: not clickable); a series
 *                   with links of its own ({@link Series#linkedTo}) sends a click on its bars there instead
 */
public record Chart(String type, String unit, boolean horizontal, List<String> labels, List<Series> series, List<String> links) {

    public static final String RUPEES = "rupees";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One named row of values; {@code type} overrides the chart's ({@code line} over bars), null keeps it; {@code links},
     * one same-site address per value, are where a click on this row's bars goes (empty: the chart's {@code links}).
     */
    public record Series(String name, String type, List<? extends Number> values, List<String> links) {

        public Series {
            links = links == null ? List.of() : List.copyOf(links);
            if (!links.isEmpty() && links.size() != values.size()) {
                throw new IllegalArgumentException("one link per value: " + values.size() + " values, " + links.size() + " links");
            }
        }

        public Series(String name, String type, List<? extends Number> values) {
            this(name, type, values, List.of());
        }

        public static Series of(String name, List<? extends Number> values) {
            return new Series(name, null, values);
        }

        /** The same row whose bars open {@code links}, one per value, in order (money in of a month: that month's payments). */
        public Series linkedTo(List<String> links) {
            return new Series(name, type, values, links);
        }
    }

    public Chart {
        labels = List.copyOf(labels);
        series = List.copyOf(series);
        links = links == null ? List.of() : List.copyOf(links);
        if (!links.isEmpty() && links.size() != labels.size()) {
            throw new IllegalArgumentException("one link per label: " + labels.size() + " labels, " + links.size() + " links");
        }
    }

    public Chart(String type, String unit, boolean horizontal, List<String> labels, List<Series> series) {
        this(type, unit, horizontal, labels, series, List.of());
    }

    public static Chart bars(String unit, List<String> labels, List<Series> series) {
        return new Chart("bar", unit, false, labels, series);
    }

    public static Chart lines(String unit, List<String> labels, List<Series> series) {
        return new Chart("line", unit, false, labels, series);
    }

    public Chart horizontally() {
        return new Chart(type, unit, true, labels, series, links);
    }

    /** The same chart with {@code series} in place of its rows (each may carry its own links). */
    public Chart withSeries(List<Series> series) {
        return new Chart(type, unit, horizontal, labels, series, links);
    }

    /** The same chart whose bars (and labels) open {@code links}, one per label, in order. */
    public Chart linkedTo(List<String> links) {
        return new Chart(type, unit, horizontal, labels, series, links);
    }

    /** True when there is nothing to draw: the element keeps its own text. */
    public boolean empty() {
        return labels.isEmpty() || series.stream().allMatch(s -> s.values().isEmpty());
    }

    /** The {@code data-chart} attribute's value (before Qute escapes it). */
    public String json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Series s : series) {
            // Values may be null (a window without requests has no latency): List.copyOf/Map.of refuse nulls.
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            if (s.type() != null) {
                row.put("type", s.type());
            }
            row.put("values", s.values());
            if (!s.links().isEmpty()) {
                row.put("links", s.links());
            }
            rows.add(row);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type);
        spec.put("unit", unit == null ? "" : unit);
        spec.put("horizontal", horizontal);
        spec.put("labels", labels);
        spec.put("series", rows);
        if (!links.isEmpty()) {
            spec.put("links", links);
        }
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chart of strings and numbers is always JSON", e);
        }
    }
}
