package io.ipsc.tenancy.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The services write every field of their views, {@code null} included (a customer without a GSTIN has
 * {@code "gstin": null}), while SmallRye types a {@code String} field as {@code "type": "string"}, which
 * a validator and a generated client read as never null. So every property of a view that is not
 * required may also be null ({@code "type": ["string", "null"]}, null among an enum's values). The
 * envelopes keep their exact shape: {@code success}, {@code data} and {@code timestamp} are always there.
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 0)
public class NullableProperties implements OASFilter {

    /** Schemas whose properties are always written: the envelopes and the page around a list. */
    private static final List<String> ALWAYS_WRITTEN = List.of("ApiResponse", "ErrorEnvelope", "Page");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        openAPI.getComponents().getSchemas().forEach((name, schema) -> {
            if (ALWAYS_WRITTEN.stream().noneMatch(name::startsWith)) {
                allowNull(schema);
            }
        });
    }

    static void allowNull(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        properties.forEach((name, property) -> {
            List<SchemaType> types = property.getType();
            if (required.contains(name) || property.getRef() != null || types == null || types.isEmpty()
                    || types.contains(SchemaType.NULL)) {
                return;
            }
            property.addType(SchemaType.NULL);
            if (property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
                List<Object> values = new ArrayList<>(property.getEnumeration());
                values.add(null);
                property.setEnumeration(values);
            }
        });
    }
}
