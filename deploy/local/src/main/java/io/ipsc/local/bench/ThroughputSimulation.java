package io.ipsc.local.bench;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Gatling simulation of {@link GatewayBenchmark}: a tenant-scoped list ({@code GET /api/products}) and
 * invoice creation ({@code POST /api/invoices}, a draft of one line), each directly on
 * invoicing-service and through the gateway.
 *
 * <p>Why the order is what it is: run one after the other, the first phase paid for cold JIT and
 * caches and the proxy came out faster than its upstream. So both paths are warmed up first (requests
 * named "… warm-up", left out of the figures), then the measured phases alternate direct and gateway
 * in rounds, each round in the opposite order of the one before (ABBA…), so that drift in the
 * machine's load falls on both sides alike. Every phase is closed-loop: C virtual users on their own
 * keep-alive connections, each sending its next request when the last is answered; a phase starts
 * with a short settle (new connections) that is not measured either. One phase at a time.
 */
public class ThroughputSimulation extends Simulation {

    static final String READ = "read";
    static final String CREATE = "create invoice";
    static final String DIRECT = "direct";
    static final String GATEWAY = "through the gateway";

    public ThroughputSimulation() {
        SimulationSettings s = SimulationSettings.current();
        int connections = s.integer("connections");
        int rounds = s.integer("rounds");
        Duration warmUp = Duration.ofSeconds(s.integer("warm-up-seconds"));
        Duration settle = Duration.ofSeconds(Math.min(2, s.integer("warm-up-seconds")));
        Duration measured = Duration.ofSeconds(s.integer("seconds"));
        String invoice = s.text("invoice-json");

        HttpProtocolBuilder protocol = http.disableWarmUp()
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .authorizationHeader("Bearer " + s.text("token"))
                .header("X-Tenant-ID", s.text("tenant"));

        // (request name, base URL) -> the request
        BiFunction<String, String, HttpRequestActionBuilder> readAt = (name, base) -> http(name)
                .get(base + "/api/products")
                .check(status().is(200));
        BiFunction<String, String, HttpRequestActionBuilder> createAt = (name, base) -> http(name)
                .post(base + "/api/invoices")
                .body(StringBody(invoice))
                .check(status().is(201));

        List<PopulationBuilder> phases = new ArrayList<>();
        for (String kind : List.of(READ, CREATE)) {
            BiFunction<String, String, HttpRequestActionBuilder> request = READ.equals(kind) ? readAt : createAt;
            phases.add(phase(kind + " " + DIRECT + " warm-up", SuiteClient.INVOICING, request, connections, Duration.ZERO, warmUp));
            phases.add(phase(kind + " " + GATEWAY + " warm-up", SuiteClient.GATEWAY, request, connections, Duration.ZERO, warmUp));
            for (int round = 1; round <= rounds; round++) {
                List<String> order = round % 2 == 1 ? List.of(DIRECT, GATEWAY) : List.of(GATEWAY, DIRECT);
                for (String path : order) {
                    String base = DIRECT.equals(path) ? SuiteClient.INVOICING : SuiteClient.GATEWAY;
                    phases.add(phase(GatewayBenchmark.measuredName(kind, path, round), base, request, connections, settle, measured));
                }
            }
        }
        // Chained from the last phase back to the first: Gatling's andThen runs its argument after the receiver.
        PopulationBuilder chain = phases.get(phases.size() - 1);
        for (int i = phases.size() - 2; i >= 0; i--) {
            chain = phases.get(i).andThen(chain);
        }
        setUp(chain).protocols(protocol);
    }

    private static PopulationBuilder phase(String name, String baseUrl, BiFunction<String, String, HttpRequestActionBuilder> request,
                                           int connections, Duration settle, Duration measured) {
        var scenario = scenario(name);
        var steps = settle.isZero() ? scenario : scenario.exec(during(settle).on(exec(request.apply(name + " settle", baseUrl))));
        return steps.exec(during(measured).on(exec(request.apply(name, baseUrl))))
                .injectOpen(atOnceUsers(connections));
    }
}
