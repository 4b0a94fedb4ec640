package io.ipsc.gateway.performance;

/**
 * What one window of requests looked like. {@code errorRate} counts answers of 500 and above (the
 * suite failed); {@code clientErrorRate} counts 4xx (refused or wrong requests). Latencies are in
 * milliseconds, null when there was no request.
 */
public record WindowFigures(long requests, long serverErrors, long clientErrors, Double errorRate, Double clientErrorRate,
                            Double p50Ms, Double p95Ms, Double p99Ms) {
}
