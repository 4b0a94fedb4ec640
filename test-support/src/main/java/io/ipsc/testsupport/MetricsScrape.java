package io.ipsc.testsupport;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Reading one figure out of a Prometheus text scrape ({@code /q/metrics}), for tests of the counters. */
public final class MetricsScrape {

    private MetricsScrape() {
    }

    /** The running application's scrape, from its management interface (the API port serves none). */
    public static String scrape() {
        return ManagementInterface.given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The value of the series {@code name} whose labels include {@code labels} (name, value pairs);
     * fails when the scrape has none.
     */
    public static double value(String scrape, String name, String... labels) {
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.add(labels[i] + "=\"" + labels[i + 1] + "\"");
        }
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{")) {
                Set<String> have = new HashSet<>(Arrays.asList(line.substring(name.length() + 1, line.lastIndexOf('}')).split(",")));
                if (have.containsAll(wanted)) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        throw new AssertionError("No series " + name + wanted + " in /q/metrics");
    }
}
