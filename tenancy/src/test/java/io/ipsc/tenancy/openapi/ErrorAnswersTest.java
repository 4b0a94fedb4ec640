package io.ipsc.tenancy.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorAnswersTest {

    @Test
    void aSecuredWriteGetsItsGeneralAndItsNamedErrorAnswers() {
        Operation create = OASFactory.createOperation().operationId("createInvoice")
                .requestBody(OASFactory.createRequestBody())
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BearerAuth.SCHEME))
                .addExtension(ErrorAnswers.CODES, "UNKNOWN_CUSTOMER, QUOTA_EXCEEDED");
        OpenAPI document = document("/api/invoices", OASFactory.createPathItem().POST(create));

        new ErrorAnswers().filterOpenAPI(document);

        assertEquals(List.of("400", "401", "403", "409", "413", "422", "429", "502", "504"), List.copyOf(create.getResponses().getAPIResponses().keySet()));
        // The service behind the gateway restarting: every operation can meet it.
        assertEquals(List.of("UPSTREAM_FAILED", "UPSTREAM_UNAVAILABLE"), codes(create, "502"));
        assertTrue(codes(create, "400").containsAll(List.of("INVALID_PATH", "INVALID_JSON", "UNKNOWN_FIELD", "VALIDATION_ERROR")));
        assertFalse(codes(create, "400").contains("INVALID_PAGE"), "no page parameter");
        assertEquals(List.of("UNAUTHORIZED"), codes(create, "401"));
        assertEquals(List.of("UNKNOWN_CUSTOMER"), codes(create, "422"));
        assertEquals(List.of("RATE_LIMITED", "QUOTA_EXCEEDED"), codes(create, "429"));
        assertEquals("#/components/schemas/ErrorEnvelope422",
                create.getResponses().getAPIResponse("422").getContent().getMediaType("application/json").getSchema().getRef());
        assertTrue(create.getExtensions() == null || !create.getExtensions().containsKey(ErrorAnswers.CODES), "the raw list is replaced by each answer's");
        // The status's schema accepts every code of that status, so any real 409 validates.
        List<Object> conflicts = document.getComponents().getSchemas().get("ErrorEnvelope409")
                .getProperties().get("error").getProperties().get("code").getEnumeration();
        assertTrue(conflicts.containsAll(List.of("APPOINTMENT_CONFLICT", "INSUFFICIENT_STOCK", "DUPLICATE_SKU")), conflicts.toString());
    }

    @Test
    void aPublicReadHasNoTokenAnswersAndATenantPathHasTheTenantOnes() {
        Operation login = OASFactory.createOperation().operationId("login").requestBody(OASFactory.createRequestBody())
                .addExtension(ErrorAnswers.CODES, "INVALID_CREDENTIALS,ACCOUNT_LOCKED");
        Operation members = OASFactory.createOperation().operationId("listTenantUsers")
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BearerAuth.SCHEME))
                .addParameter(OASFactory.createParameter().name("slug").in(Parameter.In.PATH))
                .addParameter(OASFactory.createParameter().name("page").in(Parameter.In.QUERY));
        OpenAPI document = document("/api/auth/login", OASFactory.createPathItem().POST(login));
        document.getPaths().addPathItem("/api/tenants/{slug}/users", OASFactory.createPathItem().GET(members));

        new ErrorAnswers().filterOpenAPI(document);

        assertFalse(login.getResponses().hasAPIResponse("403"));
        assertFalse(login.getResponses().hasAPIResponse("409"), "a public write gives only the conflicts it names");
        assertEquals(List.of("INVALID_CREDENTIALS"), codes(login, "401"));
        assertTrue(codes(members, "403").containsAll(List.of("NOT_A_MEMBER", "TENANT_SUSPENDED", "FEATURE_DISABLED")));
        assertTrue(codes(members, "404").containsAll(List.of("NOT_FOUND", "TENANT_NOT_FOUND")));
        assertTrue(codes(members, "503").contains("TENANT_PROVISIONING"));
        assertTrue(codes(members, "400").contains("INVALID_PAGE"));
        assertFalse(members.getResponses().hasAPIResponse("409"), "a read has no conflict");
    }

    @Test
    void anUncataloguedOrMisplacedCodeFailsTheBuild() {
        Operation typo = OASFactory.createOperation().operationId("bookAppointment").addExtension(ErrorAnswers.CODES, "APPOINTMENT_CLASH");
        assertThrows(IllegalStateException.class, () -> new ErrorAnswers().filterOpenAPI(document("/a", OASFactory.createPathItem().POST(typo))));
        Operation wrongStatus = OASFactory.createOperation().operationId("x").addExtension(ErrorAnswers.CODES, "BOM_CYCLE:409");
        assertThrows(IllegalStateException.class, () -> new ErrorAnswers().filterOpenAPI(document("/b", OASFactory.createPathItem().POST(wrongStatus))));
    }

    private static OpenAPI document(String path, PathItem item) {
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem(path, item));
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(Operation operation, String status) {
        APIResponse response = operation.getResponses().getAPIResponse(status);
        return (List<String>) response.getExtensions().get(ErrorAnswers.CODES);
    }
}
