package io.ipsc.tenancy.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * SmallRye names the envelope after what it wraps ({@code ApiResponseInvoiceView},
 * {@code ApiResponsePageInvoiceView}) and types its {@code data}; for {@code ApiResponse<Void>} it leaves
 * {@code data} as {@code {}} (anything), where the wire has no data at all: this says so.
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
}
