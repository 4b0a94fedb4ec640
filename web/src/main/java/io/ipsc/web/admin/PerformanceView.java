package io.ipsc.web.admin;

import io.ipsc.client.model.TenantPerformance;
import io.ipsc.client.model.TenantPerformanceWindowsValue;
import io.ipsc.client.model.WindowFigures;
import io.ipsc.web.chart.Chart;
import io.ipsc.web.format.IndianFormats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * getTenantPerformance as the console shows it: the gateway's figures for the last 5 and 60 minutes,
 * in total and per module, with two charts (requests per module; latency per module over the hour).
 */
public record PerformanceView(List<Window> windows, List<String> modules, Chart requests, Chart latency) {

    static final String SHORT = "last_5_minutes";
    static final String LONG = "last_60_minutes";

    /** A window's totals, in words. */
    public record Window(String label, String requests, String serverErrors, String clientErrors, String errorRate,
                         String p50, String p95, String p99) {

        static Window of(String label, WindowFigures f) {
            WindowFigures w = f == null ? new WindowFigures() : f;
            return new Window(label, IndianFormats.number(w.getRequests()), IndianFormats.number(w.getServerErrors()),
                    IndianFormats.number(w.getClientErrors()),
                    w.getErrorRate() == null ? "—" : w.getErrorRate().movePointRight(2).stripTrailingZeros().toPlainString() + " %",
                    Figures.millis(w.getP50Ms()), Figures.millis(w.getP95Ms()), Figures.millis(w.getP99Ms()));
        }
    }

    static PerformanceView of(TenantPerformance performance) {
        Map<String, TenantPerformanceWindowsValue> windows = performance == null || performance.getWindows() == null
                ? Map.of() : performance.getWindows();
        Map<String, WindowFigures> recent = modules(windows.get(SHORT));
        Map<String, WindowFigures> hour = modules(windows.get(LONG));
        // Modules in name order; the hour holds every module of the last five minutes too.
        TreeSet<String> names = new TreeSet<>(hour.keySet());
        names.addAll(recent.keySet());
        List<String> modules = List.copyOf(names);
        Chart requests = Chart.bars("requests", modules, List.of(
                Chart.Series.of("Last 5 minutes", values(modules, recent, WindowFigures::getRequests, 0L)),
                Chart.Series.of("Last 60 minutes", values(modules, hour, WindowFigures::getRequests, 0L))));
        Chart latency = Chart.bars("ms", modules, List.of(
                Chart.Series.of("p50", values(modules, hour, WindowFigures::getP50Ms, null)),
                Chart.Series.of("p95", values(modules, hour, WindowFigures::getP95Ms, null)),
                Chart.Series.of("p99", values(modules, hour, WindowFigures::getP99Ms, null))));
        List<Window> totals = List.of(Window.of("Last 5 minutes", total(windows.get(SHORT))),
                Window.of("Last 60 minutes", total(windows.get(LONG))));
        return new PerformanceView(totals, modules, requests, latency);
    }

    public boolean quiet() {
        return modules.isEmpty();
    }

    private static Map<String, WindowFigures> modules(TenantPerformanceWindowsValue window) {
        return window == null || window.getModules() == null ? Map.of() : window.getModules();
    }

    private static WindowFigures total(TenantPerformanceWindowsValue window) {
        return window == null ? null : window.getTotal();
    }

    /**
     * One value per module; a module without figures in this window gets {@code absent}: no requests
     * is zero requests, but no latency is no value (null), not zero milliseconds.
     */
    private static <N extends Number> List<N> values(List<String> modules, Map<String, WindowFigures> figures,
                                                     Function<WindowFigures, N> value, N absent) {
        List<N> values = new ArrayList<>();
        for (String module : modules) {
            WindowFigures f = figures.get(module);
            N v = f == null ? null : value.apply(f);
            values.add(v == null ? absent : v);
        }
        return values;
    }
}
