package io.ipsc.gateway;

import io.ipsc.testsupport.BadInputSweep;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * The gateway's own answers to bad input: slugs in the path, tenant and host headers and tokens
 * that are injection attempts or absurd, and a body over the limit. It has no OpenAPI document of
 * its routes, so the cases are listed here; what the services behind it do with bad bodies is
 * their own sweep's concern (here they are echo servers).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
@WithTestResource(value = EchoUpstreams.class, scope = TestResourceScope.GLOBAL)
class BadInputSweepTest {

    private static final String TENANT = "gw-sweep-" + UUID.randomUUID().toString().substring(0, 6);
    private static final long ADMIN = 9090;

    /** Values that are no slug, as they would be typed or forged; not yet URL-encoded. */
    private static final Map<String, String> BAD_SLUGS = new LinkedHashMap<>();

    static {
        BAD_SLUGS.put("sql injection", "' OR 1=1--");
        BAD_SLUGS.put("path traversal", "../../etc/passwd");
        BAD_SLUGS.put("script tag", "<script>alert(1)</script>");
        BAD_SLUGS.put("NUL byte", "\u0000");
        BAD_SLUGS.put("percent-00", "%00");
        BAD_SLUGS.put("upper case", "ACME");
        BAD_SLUGS.put("one letter", "a");
        BAD_SLUGS.put("dashes only", "---");
        BAD_SLUGS.put("non-ASCII", "smile-dental-é");
        BAD_SLUGS.put("reserved", "api");
        BAD_SLUGS.put("1 000 characters", "s".repeat(1_000));
        BAD_SLUGS.put("number", "99999999999999999999");
        BAD_SLUGS.put("comma list", TENANT + ",other");
    }

    @Test
    void theGatewayAnswersBadInputWithAClientErrorInTheEnvelope() {
        // An enterprise tenant, so that the sweep's burst stays under its rate limit.
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(TenantEventsPublisher.snapshot(TENANT, "business").member(ADMIN, "admin")
                    .status("active", "TENANT_UPDATED").plan("enterprise"));
        }
        String token = TestTokens.get().member(ADMIN, Map.of());
        GatewayTest.eventually(() -> given().header("Authorization", "Bearer " + token).header("X-Tenant-ID", TENANT)
                .get("/api/products").then().statusCode(200));

        BadInputSweep sweep = BadInputSweep.create().header("Authorization", "Bearer " + token);
        BAD_SLUGS.forEach((caseName, slug) -> {
            String encoded = URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
            for (String method : new String[]{"GET", "POST", "DELETE"}) {
                sweep.send(method, "/api/tenants/" + encoded + "/products", "slug in path: " + caseName,
                        spec -> spec.contentType("application/json").body("{}"));
            }
            sweep.send("GET", "/api/tenants/" + encoded, "tenant path: " + caseName, spec -> { });
            sweep.send("GET", "/api/products", "X-Tenant-ID: " + caseName,
                    spec -> spec.header("X-Tenant-ID", latin1(slug)));
            sweep.send("GET", "/api/products", "Host: " + caseName,
                    spec -> spec.header("Host", encoded + ".localhost:8000"));
        });
        sweep.send("GET", "/api/tenants/" + TENANT + "/..%2F..%2Fq%2Fhealth", "encoded traversal after the slug", spec -> { });
        sweep.send("GET", "/api/tenants//products", "empty slug", spec -> { });
        sweep.send("GET", "/api/%00", "NUL in path", spec -> { });
        sweep.send("GET", "/api/products", "empty X-Tenant-ID", spec -> spec.header("X-Tenant-ID", ""));
        sweep.send("GET", "/api/products", "two X-Tenant-ID", spec -> spec.header("X-Tenant-ID", TENANT).header("X-Tenant-ID", "other"));
        sweep.send("GET", "/api/products", "Host of 300 labels", spec -> spec.header("X-Tenant-ID", TENANT)
                .header("Host", "a.".repeat(300) + "localhost"));
        sweep.send("GET", "/api/products", "Host with bad port", spec -> spec.header("Host", TENANT + ".localhost:99999999"));
        sweep.send("GET", "/api/products", "Host of another domain", spec -> spec.header("Host", TENANT + ".evil.example"));
        sweep.send("GET", "/api/products", "Host IPv6 unterminated", spec -> spec.header("Host", "[::1"));
        sweep.send("GET", "/api/products", "Authorization not Bearer",
                spec -> spec.header("X-Tenant-ID", TENANT).header("Authorization", "Basic YWRtaW46YWRtaW4="));
        sweep.send("GET", "/api/products", "token of 4 000 characters",
                spec -> spec.header("X-Tenant-ID", TENANT).header("Authorization", "Bearer " + "e".repeat(4_000)));
        sweep.send("GET", "/api/products", "token of three dots",
                spec -> spec.header("X-Tenant-ID", TENANT).header("Authorization", "Bearer ..."));
        sweep.send("GET", "/api/products?page=-1&size=1e308", "absurd paging passes through",
                spec -> spec.header("X-Tenant-ID", TENANT));
        sweep.header("X-Tenant-ID", TENANT).sendHugeBody("POST", "/api/products");
        sweep.sendHugeBody("POST", "/api/tenants/" + TENANT + "/products");

        System.out.println("Bad-input sweep of gateway: " + sweep.summary());
        sweep.acceptedCases().forEach(accepted -> System.out.println("  " + accepted));
        sweep.assertNoViolations();
    }

    /** Header values travel as ISO-8859-1; anything outside it is replaced, as a client library would. */
    private static String latin1(String value) {
        return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
}
