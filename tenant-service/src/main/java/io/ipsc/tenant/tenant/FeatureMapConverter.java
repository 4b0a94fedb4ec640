package io.ipsc.tenant.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.LinkedHashMap;
import java.util.Map;

/** Stores a tenant's feature toggles as a small JSON object in one column. */
@Converter
public class FeatureMapConverter implements AttributeConverter<Map<String, Boolean>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Boolean>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, Boolean> features) {
        try {
            return JSON.writeValueAsString(features == null ? Map.of() : features);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, Boolean> convertToEntityAttribute(String json) {
        try {
            return json == null ? new LinkedHashMap<>() : JSON.readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable features column: " + json, e);
        }
    }
}
