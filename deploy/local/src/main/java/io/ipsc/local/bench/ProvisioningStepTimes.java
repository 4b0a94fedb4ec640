package io.ipsc.local.bench;

import io.ipsc.local.ServiceSpec;
import io.ipsc.local.Services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each domain service's own account of where its part of provisioning goes: the timers
 * {@code ipsc_provisioning_step_seconds{step}} (tenancy-db's {@code ProvisioningSteps}) read from the service's
 * {@code /q/metrics} before and after a phase of the benchmark, so that the difference is that phase's
 * steps alone (count and mean per step).
 */
final class ProvisioningStepTimes {

    private static final Pattern LINE = Pattern.compile(
            "^ipsc_provisioning_step_seconds_(count|sum)\\{[^}]*step=\"([a-z]+)\"[^}]*}\\s+([0-9.eE+-]+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One step's timer at a moment: how many times it ran and the seconds in all. */
    record Totals(double count, double seconds) {
    }

    /** By service, then step: the timers now. A service that does not answer is left out. */
    static Map<String, Map<String, Totals>> read() {
        Map<String, Map<String, Totals>> all = new LinkedHashMap<>();
        for (ServiceSpec s : Services.ALL) {
            if (!s.name().endsWith("-service") || s.name().equals("tenant-service")) {
                continue;
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.managementUrl() + "/q/metrics"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    all.put(s.name().replace("-service", ""), parse(r.body()));
                }
            } catch (Exception e) {
                // Not running or not answering: no figures for it.
            }
        }
        return all;
    }

    static Map<String, Totals> parse(String prometheus) {
        Map<String, double[]> raw = new TreeMap<>();
        for (String line : prometheus.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                double[] pair = raw.computeIfAbsent(m.group(2), k -> new double[2]);
                pair["count".equals(m.group(1)) ? 0 : 1] = Double.parseDouble(m.group(3));
            }
        }
        Map<String, Totals> steps = new LinkedHashMap<>();
        raw.forEach((step, pair) -> steps.put(step, new Totals(pair[0], pair[1])));
        return steps;
    }

    /**
     * "exists 5 ms, copy 180 ms, identity 40 ms, ..." per service: the mean of each step between {@code before} and {@code after},
     * in the order a convergence runs them; services that ran none are left out.
     */
    static Map<String, String> meansBetween(Map<String, Map<String, Totals>> before, Map<String, Map<String, Totals>> after) {
        Map<String, String> lines = new TreeMap<>();
        after.forEach((service, steps) -> {
            StringBuilder text = new StringBuilder();
            for (String step : new String[]{"exists", "spare", "copy", "identity", "migrate", "report"}) {
                Totals now = steps.get(step);
                Totals then = before.getOrDefault(service, Map.of()).getOrDefault(step, new Totals(0, 0));
                if (now == null || now.count() - then.count() < 1) {
                    continue;
                }
                double n = now.count() - then.count();
                text.append(text.length() == 0 ? "" : ", ").append(String.format("%s %.0f ms", step, (now.seconds() - then.seconds()) / n * 1000));
            }
            if (text.length() > 0) {
                lines.put(service, text.toString());
            }
        });
        return lines;
    }

    private ProvisioningStepTimes() {
    }
}
