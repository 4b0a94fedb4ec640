package io.ipsc.tenant;

import io.ipsc.testsupport.BadInputSweep;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Every operation of tenant-service's OpenAPI document, fed bad input by the platform admin:
 * never a 5xx, every error in the envelope (design §4).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class BadInputSweepTest {

    @Test
    void everyOperationAnswersBadInputWithAClientErrorInTheEnvelope() {
        String admin = Api.adminToken();
        String slug = Api.slug("sweep");
        Api.createTenant(admin, slug);
        int user = Api.createUser(admin, slug + "@sweep.test");

        BadInputSweep sweep = BadInputSweep.create()
                .header("Authorization", "Bearer " + admin)
                .pathValue("slug", slug)
                .pathValue("userId", Integer.toString(user))
                .pathValue("id", Integer.toString(user))
                // Bodies that are accepted, so that each case spoils one field and the bad value reaches
                // the rules and the database: a new tenant (one slug for all, so at most one is created),
                // and the update, plan and features of the sweep's own tenant.
                .validBody("POST", "/api/tenants", Api.dentalClinic(Api.slug("sweep-new")))
                .validBody("PUT", "/api/tenants/{slug}", Api.dentalClinic(slug))
                .validBody("PUT", "/api/tenants/{slug}/subscription",
                        Map.of("plan", "premium", "max_users", 10, "max_products", 1000, "max_transactions_per_month", 10000))
                .validBody("POST", "/api/users", Map.of("email", "new-" + slug + "@sweep.test", "password", "a-long-password-1",
                        "full_name", "Sweep User"))
                .sweepOpenApi();
        System.out.println("Bad-input sweep of tenant-service: " + sweep.summary());
        sweep.assertNoViolations();
    }
}
