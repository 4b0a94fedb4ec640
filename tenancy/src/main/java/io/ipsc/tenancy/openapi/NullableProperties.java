package io.ipsc.tenancy.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
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
    private static final String COMPONENT = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        schemas.forEach((name, schema) -> {
            if (ALWAYS_WRITTEN.stream().noneMatch(name::startsWith)) {
                allowNull(schema, schemas);
            }
        });
    }

    static void allowNull(Schema schema, Map<String, Schema> schemas) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> entry : new ArrayList<>(properties.entrySet())) {
            String name = entry.getKey();
            Schema property = entry.getValue();
            if (required.contains(name)) {
                continue;
            }
            Schema scalar = scalarBehind(property, schemas);
            if (scalar != null) {
                // A date or a time is a reference to a string schema (Instant, LocalDate): written in place,
                // so that it can say null too without changing the schema every other reference uses.
                property = copyOf(scalar, property.getDescription());
                schema.addProperty(name, property);
            }
            List<SchemaType> types = property.getType();
            if (property.getRef() != null || types == null || types.isEmpty() || types.contains(SchemaType.NULL)) {
                continue;
            }
            property.addType(SchemaType.NULL);
            if (property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
                List<Object> values = new ArrayList<>(property.getEnumeration());
                values.add(null);
                property.setEnumeration(values);
            }
        }
    }

    /** The schema a property refers to, when that is a plain string, number, integer or boolean. */
    private static Schema scalarBehind(Schema property, Map<String, Schema> schemas) {
        String ref = property.getRef();
        if (ref == null || !ref.startsWith(COMPONENT)) {
            return null;
        }
        Schema target = schemas.get(ref.substring(COMPONENT.length()));
        if (target == null || target.getType() == null || target.getType().size() != 1 || target.getProperties() != null) {
            return null;
        }
        SchemaType type = target.getType().get(0);
        return type == SchemaType.STRING || type == SchemaType.NUMBER || type == SchemaType.INTEGER || type == SchemaType.BOOLEAN
                ? target : null;
    }

    private static Schema copyOf(Schema scalar, String description) {
        Schema copy = OASFactory.createSchema().type(new ArrayList<>(scalar.getType())).format(scalar.getFormat())
                .description(description != null ? description : scalar.getDescription());
        if (scalar.getExamples() != null) {
            copy.examples(new ArrayList<>(scalar.getExamples()));
        }
        if (scalar.getEnumeration() != null) {
            copy.enumeration(new ArrayList<>(scalar.getEnumeration()));
        }
        return copy;
    }
}
