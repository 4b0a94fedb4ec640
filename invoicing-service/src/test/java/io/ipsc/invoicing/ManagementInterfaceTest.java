package io.ipsc.invoicing;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.ManagementInterface;
import io.ipsc.testsupport.OpenApiContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Set;

/** Issue 14: metrics, health and the OpenAPI document leave the API port for the management interface. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class ManagementInterfaceTest {

    @Test
    void metricsHealthAndOpenApiAnswerOnTheManagementPortOnly() {
        ManagementInterface.assertOperatorEndpointsOnlyOnTheManagementPort();
    }

    /** Issue 23: a generated client names every operation, and every one of them asks for the bearer token. */
    @Test
    void everyOperationHasAnIdATagAndItsSecurity() {
        OpenApiContract.assertEveryOperationNamedTaggedAndSecured(Set.of());
    }

    /**
     * Issue 23: the document says what the wire carries: snake_case properties, the envelope with a typed
     * data on every 2xx answer, and each operation's error answers with the error envelope and its codes.
     */
    @Test
    void answersAreDescribedAsTheWireHasThem() {
        // The tax invoice is a PDF, GSTR-1's export the GST portal's own file and the invoice logo an image: none is
        // the envelope.
        OpenApiContract.assertAnswersDescribedAsTheWireHasThem(Set.of("getInvoicePdf", "exportGstr1", "getInvoiceLogo", "exportAuditTrail"));
    }

    /** Issue 17: GET /api/usage is declared once (tenancy-db's ModuleUsageResource) and stays this module's own in the document. */
    @Test
    void theUsageOperationIsThisModulesOwn() {
        OpenApiContract.assertModuleUsageOperation("invoicing", Set.of("products", "customers", "vendors", "invoices_this_month", "purchases_this_month", "payments_this_month", "transactions_this_month", "month"));
    }
}
