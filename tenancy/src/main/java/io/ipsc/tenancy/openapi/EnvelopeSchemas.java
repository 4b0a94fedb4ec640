package io.ipsc.tenancy.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.Map;
import java.util.TreeMap;

/**
 * The success answer as the wire has it. SmallRye names the envelope after what it wraps
 * ({@code ApiResponseInvoiceView}, {@code ApiResponsePageInvoiceView}) and types its {@code data}; for
 * {@code ApiResponse<Void>} it leaves {@code data} as {@code {}} (anything), where the wire has none: this
 * says so. And SmallRye documents a method's answer as 200 whatever status its {@code RestResponse} carries
 * (an {@code @APIResponse(responseCode = "201")} would make it drop the envelope it derives from the return
 * type): a method that creates says {@code @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")},
 * and this moves the envelope documented under 200 to that status.
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 0)
public class EnvelopeSchemas implements OASFilter {

    /** Operation extension: the status of the success answer, when it is not 200. */
    public static final String SUCCESS_STATUS = "x-ipsc-success-status";
    static final String VOID_ENVELOPE = "ApiResponseVoid";
    private static final Map<String, String> REASONS = Map.of("201", "Created", "202", "Accepted");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema envelope = openAPI.getComponents().getSchemas().get(VOID_ENVELOPE);
        if (envelope != null && envelope.getProperties() != null && envelope.getProperties().containsKey("data")) {
            envelope.addProperty("data", OASFactory.createSchema().addType(SchemaType.NULL)
                    .description("No data: the message says what was done"));
        }
    }

    @Override
    public Operation filterOperation(Operation operation) {
        Object status = operation.getExtensions() == null ? null : operation.getExtensions().get(SUCCESS_STATUS);
        if (status == null) {
            return operation;
        }
        operation.removeExtension(SUCCESS_STATUS);
        APIResponse ok = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse("200");
        if (ok == null) {
            throw new IllegalStateException("Operation " + operation.getOperationId() + " says it answers " + status
                    + ", but has no documented 200 answer to move there");
        }
        operation.getResponses().removeAPIResponse("200");
        operation.getResponses().addAPIResponse(status.toString(), ok.description(REASONS.getOrDefault(status.toString(), ok.getDescription())));
        // In status order, as a reader expects them (the error answers may have been added already).
        operation.getResponses().setAPIResponses(new TreeMap<>(operation.getResponses().getAPIResponses()));
        return operation;
    }
}
