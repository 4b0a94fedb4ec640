package io.ipsc.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same tenant-scoped read through the gateway and directly against its owning service, in one
 * run, with the same closed-loop load (C connections, each sending its next request when the last
 * one is answered): throughput, p50 and p99 of each, and their ratio. Prints figures; asserts nothing.
 *
 * <p>Arguments: {@code [tenant SLUG] [connections C] [seconds S]}; the tenant must exist and be active.
 */
public final class GatewayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(double throughput, double p50Millis, double p99Millis, long errors) {
    }

    public static void main(String[] args) throws Exception {
        String tenant = "smile-dental";
        int connections = 16;
        int seconds = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "tenant" -> tenant = args[i + 1];
                case "connections" -> connections = Integer.parseInt(args[i + 1]);
                case "seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path home = Path.of(System.getenv().getOrDefault("IPSC_HOME", ".ipsc"));
        String token = login(Files.readString(home.resolve("admin-email")).trim(), Files.readString(home.resolve("admin-password")).trim());
        String path = "/api/tenants/" + tenant + "/config";
        System.out.printf("IPSC gateway benchmark — %d cores, Java %s; GET %s, %d connections, %d s each (after %d s warm-up)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), path, connections, seconds, Math.max(3, seconds / 4));
        Result direct = run("http://127.0.0.1:8081" + path, token, connections, seconds);
        Result gateway = run("http://127.0.0.1:8000" + path, token, connections, seconds);
        print("direct (tenant-service :8081)", direct);
        print("through the gateway (:8000)", gateway);
        System.out.printf("gateway / direct throughput: %.1f %%; added latency p50 %+.2f ms, p99 %+.2f ms%n",
                100 * gateway.throughput() / direct.throughput(), gateway.p50Millis() - direct.p50Millis(), gateway.p99Millis() - direct.p99Millis());
    }

    private static void print(String label, Result r) {
        System.out.printf("%-32s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   errors %d%n", label, r.throughput(), r.p50Millis(), r.p99Millis(), r.errors());
    }

    static Result run(String url, String token, int connections, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
        load(http, request, connections, Math.max(3, seconds / 4), null);
        List<long[]> samples = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        int count = load(http, request, connections, seconds, new LatencySink(samples, errors));
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = samples.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        return new Result(count / elapsed, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, errors.get());
    }

    record LatencySink(List<long[]> samples, AtomicLong errors) {
    }

    private static int load(HttpClient http, HttpRequest request, int connections, int seconds, LatencySink sink) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[] latencies = new long[2_000_000 / connections];
            if (sink != null) {
                synchronized (sink.samples()) {
                    sink.samples().add(latencies);
                }
            }
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200 && sink != null) {
                            sink.errors().incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (sink != null) {
                            sink.errors().incrementAndGet();
                        }
                    }
                    if (n < latencies.length) {
                        latencies[n++] = System.nanoTime() - start;
                    }
                    done.incrementAndGet();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return (int) done.get();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static String login(String email, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed (HTTP " + r.statusCode() + "): is the suite up? " + r.body());
        }
        return JSON.readTree(r.body()).path("data").path("access_token").asText();
    }
}
