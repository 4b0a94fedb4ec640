package io.ipsc.local.bench;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.util.function.BiFunction;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Gatling simulation of {@link GatewayBenchmark}: a tenant-scoped read ({@code GET /api/products/{id}})
 * and invoice creation ({@code POST /api/invoices}, a draft of one line), each directly on
 * invoicing-service and through the gateway, one after the other. Each phase is closed-loop: C
 * virtual users, each on its own keep-alive connection, sending its next request when the last is
 * answered; first a warm-up (its requests named "… warm-up", left out of the figures), then the
 * measured seconds.
 */
public class ThroughputSimulation extends Simulation {

    static final String READ_DIRECT = "read direct";
    static final String READ_GATEWAY = "read through the gateway";
    static final String CREATE_DIRECT = "create invoice direct";
    static final String CREATE_GATEWAY = "create invoice through the gateway";

    public ThroughputSimulation() {
        SimulationSettings s = SimulationSettings.current();
        int connections = s.integer("connections");
        Duration warmUp = Duration.ofSeconds(s.integer("warm-up-seconds"));
        Duration measured = Duration.ofSeconds(s.integer("seconds"));
        String read = "/api/products/" + s.text("product-id");
        String invoice = s.text("invoice-json");

        HttpProtocolBuilder protocol = http.disableWarmUp()
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .authorizationHeader("Bearer " + s.text("token"))
                .header("X-Tenant-ID", s.text("tenant"));

        // (request name, base URL) -> the request
        BiFunction<String, String, HttpRequestActionBuilder> readAt = (name, base) -> http(name)
                .get(base + read)
                .check(status().is(200));
        BiFunction<String, String, HttpRequestActionBuilder> createAt = (name, base) -> http(name)
                .post(base + "/api/invoices")
                .body(StringBody(invoice))
                .check(status().is(201));

        // One phase after the other, never two at once: each has the machine to itself.
        PopulationBuilder createGateway = phase(CREATE_GATEWAY, SuiteClient.GATEWAY, createAt, connections, warmUp, measured);
        PopulationBuilder createDirect = phase(CREATE_DIRECT, SuiteClient.INVOICING, createAt, connections, warmUp, measured)
                .andThen(createGateway);
        PopulationBuilder readGateway = phase(READ_GATEWAY, SuiteClient.GATEWAY, readAt, connections, warmUp, measured)
                .andThen(createDirect);
        PopulationBuilder readDirect = phase(READ_DIRECT, SuiteClient.INVOICING, readAt, connections, warmUp, measured)
                .andThen(readGateway);
        setUp(readDirect).protocols(protocol);
    }

    private static PopulationBuilder phase(String name, String baseUrl, BiFunction<String, String, HttpRequestActionBuilder> request,
                                           int connections, Duration warmUp, Duration measured) {
        return scenario(name)
                .exec(during(warmUp).on(exec(request.apply(name + " warm-up", baseUrl))))
                .exec(during(measured).on(exec(request.apply(name, baseUrl))))
                .injectOpen(atOnceUsers(connections));
    }
}
