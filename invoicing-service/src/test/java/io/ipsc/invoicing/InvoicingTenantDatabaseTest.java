package io.ipsc.invoicing;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantDatabaseContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * invoicing-service keeps the per-tenant database contract (provisioning, isolation, suspension, archiving).
 * The tests and their assertions are inherited from {@link TenantDatabaseContract}, the same for every domain service.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class InvoicingTenantDatabaseTest extends TenantDatabaseContract {

    InvoicingTenantDatabaseTest() {
        super("invoicing", null, "business");
    }
}
