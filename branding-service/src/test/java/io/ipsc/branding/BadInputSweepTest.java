package io.ipsc.branding;

import io.ipsc.testsupport.BadInputSweep;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Every operation of branding-service's OpenAPI document, fed bad input by a tenant's admin:
 * never a 5xx, every error in the envelope (design §4).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class BadInputSweepTest {

    private static final String TENANT = "bran-sweep-" + UUID.randomUUID().toString().substring(0, 6);
    private static final long ADMIN = 9071;

    @Test
    void everyOperationAnswersBadInputWithAClientErrorInTheEnvelope() {
        Snapshot tenant = TenantEventsPublisher.snapshot(TENANT, "business").member(ADMIN, "admin");
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(tenant);
        }
        TenantEventsPublisher.awaitReport(TENANT, "branding", "PROVISIONED", tenant.version(), Duration.ofSeconds(60));

        BadInputSweep sweep = BadInputSweep.create()
                .header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of()))
                .header("X-Tenant-ID", TENANT)
                // The seed's update, so that each case spoils one field of a body that is otherwise accepted.
                .validBody("PUT", "/api/branding", Map.of("primary_color", "#2E86AB", "secondary_color", "#A23B72",
                        "accent_color", "#F18F01", "logo_url", "https://example.com/logo.png", "company_name", "Smile Dental Clinic"))
                .sweepOpenApi();
        System.out.println("Bad-input sweep of branding-service: " + sweep.summary());
        sweep.assertNoViolations();
    }
}
