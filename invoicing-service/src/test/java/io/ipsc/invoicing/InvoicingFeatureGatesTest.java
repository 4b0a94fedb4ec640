package io.ipsc.invoicing;

import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The reports family needs advanced_reporting here as at the gateway, for the endpoint matched
 * rather than the path as spelt: called directly, with a member's or a platform admin's token.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class InvoicingFeatureGatesTest {

    private static final long ADMIN = 71;
    private static final List<String> REPORTS = List.of("/api/reports/gstr1?month=2024-06", "/api/reports/sales-register?month=2024-06",
            // Quarkus removes the dot segments before matching: this is the sales register too.
            "/api/products/%2e%2e/reports/sales-register?month=2024-06");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void withoutAdvancedReportingEveryReportIsRefusedHereTooAndWithItServed() {
        Snapshot tenant = TenantEventsPublisher.snapshot("no-reports-" + UUID.randomUUID().toString().substring(0, 8), "business")
                .member(ADMIN, "admin");
        String slug = tenant.slug();
        Supplier<RequestSpecification> member = () -> as(ADMIN, slug).urlEncodingEnabled(false);
        Supplier<RequestSpecification> platformAdmin = () -> given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin())
                .header("X-Tenant-ID", slug).urlEncodingEnabled(false);
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            publish(events, tenant);
            String refusal = "The reports part of the invoicing module is not enabled for tenant '" + slug + "' (feature advanced_reporting)";
            for (Supplier<RequestSpecification> caller : List.of(member, platformAdmin)) {
                for (String report : REPORTS) {
                    caller.get().get(report).then().statusCode(403).body("success", is(false))
                            .body("error.code", is("FEATURE_DISABLED")).body("message", is(refusal));
                }
                // The rest of the module is not behind this feature.
                caller.get().get("/api/products").then().statusCode(200);
            }
            try (TopicReader security = new TopicReader(Topics.SECURITY)) {
                assertFalse(security.await(r -> r.value().contains("\"tenant\":\"" + slug + "\"") && r.value().contains("\"kind\":\"FEATURE_REFUSED\"")
                        && r.value().contains("\"service\":\"invoicing-service\""), 1, WAIT).isEmpty());
            }

            publish(events, tenant.feature(Features.ADVANCED_REPORTING, true));
            for (Supplier<RequestSpecification> caller : List.of(member, platformAdmin)) {
                for (String report : REPORTS) {
                    caller.get().get(report).then().statusCode(200).body("data.month", is("2024-06"));
                }
            }
        }
    }

    private static void publish(TenantEventsPublisher events, Snapshot snapshot) {
        events.publish(snapshot);
        TenantEventsPublisher.awaitReport(snapshot.slug(), "invoicing", "PROVISIONED", snapshot.version(), WAIT);
    }
}
