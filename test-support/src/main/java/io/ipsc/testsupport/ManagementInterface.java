package io.ipsc.testsupport;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The management interface of the service under test ({@code /q/health}, {@code /q/metrics},
 * {@code /q/openapi}), which listens on a port of its own, apart from the API: a scrape holds every
 * tenant's series and the OpenAPI document the whole surface, which are for operators, probes and
 * Prometheus, never for API callers. Tests bind it to a free port ({@code quarkus.management.test-port=0},
 * as several test JVMs run at once); Quarkus registers the port it bound under that same key, and the
 * running application's configuration answers with it.
 */
public final class ManagementInterface {

    /** What the management interface serves and the API port must not. */
    public static final List<String> OPERATOR_PATHS = List.of(
            "/q/metrics", "/q/health", "/q/health/ready", "/q/health/live", "/q/openapi", "/q/openapi?format=json");

    private ManagementInterface() {
    }

    /** The port the running application's management interface listens on. */
    public static int port() {
        Config config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false)) {
            throw new IllegalStateException("The management interface is off: set quarkus.management.enabled=true");
        }
        int port = config.getValue("quarkus.management.test-port", Integer.class);
        if (port <= 0) {
            throw new IllegalStateException("The management interface's bound port is not known (test-port " + port + ")");
        }
        return port;
    }

    /** A request to the management interface, e.g. {@code ManagementInterface.given().get("/q/health/ready")}. */
    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /**
     * Checks the split both ways: on the API port every {@link #OPERATOR_PATHS operator path} is a 404 in
     * the envelope, also when reached through encoded dot segments (issue 14's probe); on the management
     * port the scrape, readiness, liveness and the OpenAPI document answer. And an API answer carries
     * {@code X-Content-Type-Options: nosniff}.
     */
    public static void assertOperatorEndpointsOnlyOnTheManagementPort() {
        int apiPort = RestAssured.port;
        if (apiPort == port()) {
            throw new AssertionError("The API and the management interface share port " + apiPort);
        }
        for (String path : OPERATOR_PATHS) {
            RestAssured.given().get(path).then().statusCode(404).body("success", is(false)).body("error.code", is("NOT_FOUND"));
            Response probe = RestAssured.given().urlEncodingEnabled(false).get("/api/x/%2e%2e/%2e%2e" + path);
            if (probe.statusCode() < 400 || probe.asString().contains("# TYPE")) {
                throw new AssertionError("The API port answers " + probe.statusCode() + " to /api/x/%2e%2e/%2e%2e" + path);
            }
        }
        given().accept("text/plain").get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        // Ready once every tenant this instance knows has converged; tests elsewhere in the JVM may be provisioning.
        // Every service verifies tokens, so its readiness names the keys it holds.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.find { it.name == 'token-keys' }.status", is("UP")));
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .body("openapi", notNullValue()).extract().path("paths");
        String apiPath = paths.entrySet().stream().filter(p -> !p.getKey().contains("{") && p.getValue().containsKey("get"))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("The OpenAPI document lists no GET without parameters"));
        assertEquals(404, given().get(apiPath).statusCode(), "the management port serves no API, such as " + apiPath);
        // tenancy's NoSniffHeader, as the running service applies it to an answer of its REST layer.
        assertEquals("nosniff", RestAssured.given().get(apiPath).header("X-Content-Type-Options"),
                "the API's answer to GET " + apiPath + " tells browsers not to guess its type");
    }
}
