package io.ipsc.tenant;

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
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class ManagementInterfaceTest {

    @Test
    void metricsHealthAndOpenApiAnswerOnTheManagementPortOnly() {
        ManagementInterface.assertOperatorEndpointsOnlyOnTheManagementPort();
    }

    /** Issue 23: a generated client names every operation, and Swagger UI's "Authorize" covers all but the public ones. */
    @Test
    void everyOperationHasAnIdATagAndItsSecurity() {
        OpenApiContract.assertEveryOperationNamedTaggedAndSecured(Set.of("login", "refreshToken", "logout", "getJwks", "getInvitation", "acceptInvitation",
                "getSignupSettings", "signUp", "checkTenantDraft"));
    }

    /**
     * Issue 23: the document says what the wire carries: snake_case properties, the envelope with a typed
     * data on every 2xx answer, and each operation's error answers with the error envelope and its codes.
     */
    @Test
    void answersAreDescribedAsTheWireHasThem() {
        OpenApiContract.assertAnswersDescribedAsTheWireHasThem(Set.of("getJwks", "exportTenant", "exportPlatformAuditTrail"));
    }
}
