package io.ipsc.gateway.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.JsonObject;

/** The merged document as YAML, with the Jackson YAML module SmallRye OpenAPI already brings. */
public final class OpenApiYaml {

    private static final YAMLMapper YAML = new YAMLMapper();

    private OpenApiYaml() {
    }

    public static String write(JsonObject document) {
        try {
            // Through the JSON text: Vert.x JSON types nested in the map are no beans Jackson knows.
            return YAML.writeValueAsString(YAML.readTree(document.encode()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The merged OpenAPI document is not serialisable as YAML", e);
        }
    }
}
