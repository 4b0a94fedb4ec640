package io.ipsc.tenancy.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The success answer as the wire has it. SmallRye names the envelope after what it wraps
 * ({@code ApiResponseInvoiceView}, {@code ApiResponsePageInvoiceView}) and types its {@code data}; for
 * {@code ApiResponse<Void>} it leaves {@code data} as {@code {}} (anything), where the wire has none: this
 * says so. And SmallRye documents a method's answer as 200 whatever status its {@code RestResponse} carries:
 * a method that creates says {@code @APIResponse(responseCode = "201", description = "Created")}, and this
 * moves the envelope it documented under 200 there.
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 0)
public class EnvelopeSchemas implements OASFilter {

    static final String VOID_ENVELOPE = "ApiResponseVoid";

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
        if (operation.getResponses() == null) {
            return operation;
        }
        APIResponse created = operation.getResponses().getAPIResponse("201");
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (created != null && created.getContent() == null && ok != null && ok.getContent() != null) {
            created.setContent(ok.getContent());
            operation.getResponses().removeAPIResponse("200");
        }
        return operation;
    }
}
