package io.ipsc.local.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Gatling simulation of {@link ScaleBenchmark}: many tenants, each receiving traffic in turn, through
 * the gateway. C virtual users share one circular feeder of the tenants, so the tenants are visited
 * in order, round after round; each visit reads the tenant's products (invoicing-service) and its
 * branding (branding-service), each from the tenant's own database. With more tenants than a
 * service keeps pools open, most visits open a pool: that is the case measured.
 */
public class ScaleSimulation extends Simulation {

    static final String PRODUCTS = "invoicing: GET /api/products";
    static final String BRANDING = "branding: GET /api/branding";

    public ScaleSimulation() {
        SimulationSettings s = SimulationSettings.current();
        List<String> tenants = s.list("tenants");
        int rounds = s.integer("rounds");
        int users = Math.max(1, Math.min(s.integer("connections"), tenants.size()));
        // Every user makes the same number of visits; together at least rounds × tenants.
        int visitsPerUser = (tenants.size() * rounds + users - 1) / users;

        HttpProtocolBuilder protocol = http.disableWarmUp()
                .acceptHeader("application/json")
                .authorizationHeader("Bearer " + s.text("token"));

        List<Map<String, Object>> records = tenants.stream().map(t -> Map.<String, Object>of("tenant", t)).toList();
        ScenarioBuilder visits = scenario("tenants in turn")
                .repeat(visitsPerUser).on(feed(listFeeder(records).circular())
                        .exec(http(PRODUCTS).get(SuiteClient.GATEWAY + "/api/products").header("X-Tenant-ID", "#{tenant}")
                                .check(status().is(200)))
                        .exec(http(BRANDING).get(SuiteClient.GATEWAY + "/api/branding").header("X-Tenant-ID", "#{tenant}")
                                .check(status().is(200))));
        setUp(visits.injectOpen(atOnceUsers(users))).protocols(protocol);
    }
}
