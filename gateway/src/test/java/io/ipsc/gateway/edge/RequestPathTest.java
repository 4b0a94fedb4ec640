package io.ipsc.gateway.edge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/tenants/a/products/%2e%2e/%2e%2e/q/metrics", "/api/products/%2E%2E/users", "/api/products/..",
            "/api/products/../users", "/api/products/./x", "/api/products/%2e", "/api/products/.%2E", "/api/a%2fb", "/api/a%2Fb",
            "/api/a%5cb", "/api/a\\b", "/api/%00", "/api/a%252e%252e", "/api/%25", "/api/%zz", "/api/%2", "/api/%c3%28",
            "/api/..;x=1/q", "/api/%2e%2e;/q", "no-slash"})
    void refusesWhatAServiceCouldReadAsAnotherPath(String path) {
        assertTrue(RequestPath.refusal(path).isPresent(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/products", "/api/tenants/smile-dental/products/7", "/api/products/v1.2", "/api/products/...",
            "/api/products/..x", "/api/products/caf%C3%A9", "/api/products/a%20b", "/.well-known/jwks.json", "/api/products/"})
    void letsOrdinaryPathsThrough(String path) {
        assertTrue(RequestPath.refusal(path).isEmpty(), path);
    }
}
