package io.ipsc.gateway;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** With MULTI_TENANT_ENABLED=false every request belongs to DEFAULT_TENANT_SLUG. */
@QuarkusTest
@TestProfile(SingleTenantModeTest.SingleTenant.class)
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
@WithTestResource(value = EchoUpstreams.class, scope = TestResourceScope.GLOBAL)
class SingleTenantModeTest {

    static final String ONLY = "only-tenant";

    public static class SingleTenant implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ipsc.multi-tenant-enabled", "false", "ipsc.default-tenant-slug", ONLY);
        }
    }

    private static boolean published;

    @BeforeEach
    void publish() {
        if (!published) {
            try (TenantEventsPublisher events = new TenantEventsPublisher()) {
                events.publish(TenantEventsPublisher.snapshot(ONLY, "business").member(10, "admin").status("active", "TENANT_UPDATED"));
            }
            published = true;
        }
    }

    @Test
    void everyRequestGoesToTheDefaultTenant() {
        String token = TestTokens.get().member(10, Map.of());
        GatewayTest.eventually(() -> given().header("Authorization", "Bearer " + token).get("/api/products").then()
                .statusCode(200).body("tenant", is(ONLY)));
        given().header("Authorization", "Bearer " + token).header("X-Tenant-ID", "someone-else").get("/api/products").then()
                .statusCode(400).body("error.code", is("TENANT_MISMATCH"));
        given().get("/health").then().statusCode(200).body("data.multi_tenant_enabled", is(false))
                .body("data.default_tenant_slug", is(ONLY));
    }
}
