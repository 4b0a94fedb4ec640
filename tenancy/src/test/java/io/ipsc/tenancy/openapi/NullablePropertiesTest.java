package io.ipsc.tenancy.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NullablePropertiesTest {

    @Test
    void aViewsOptionalFieldsMayBeNullAndTheEnvelopeKeepsItsShape() {
        Schema instant = OASFactory.createSchema().addType(SchemaType.STRING).format("date-time");
        Schema view = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("id", OASFactory.createSchema().addType(SchemaType.INTEGER))
                .addProperty("gstin", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("gender", OASFactory.createSchema().addType(SchemaType.STRING).enumeration(new ArrayList<>(List.of("male", "female"))))
                .addProperty("deleted_at", OASFactory.createSchema().ref("#/components/schemas/Instant"))
                .addProperty("address", OASFactory.createSchema().ref("#/components/schemas/Address"))
                .required(new ArrayList<>(List.of("id")));
        Schema address = OASFactory.createSchema().addType(SchemaType.OBJECT).addProperty("city", OASFactory.createSchema().addType(SchemaType.STRING));
        Schema envelope = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("success", OASFactory.createSchema().addType(SchemaType.BOOLEAN))
                .addProperty("timestamp", OASFactory.createSchema().ref("#/components/schemas/Instant"));
        OpenAPI document = OASFactory.createOpenAPI().components(OASFactory.createComponents()
                .addSchema("Instant", instant).addSchema("PartyView", view).addSchema("Address", address)
                .addSchema("ApiResponsePartyView", envelope));

        new NullableProperties().filterOpenAPI(document);

        assertEquals(List.of(SchemaType.INTEGER), view.getProperties().get("id").getType(), "required: never null");
        assertEquals(List.of(SchemaType.STRING, SchemaType.NULL), view.getProperties().get("gstin").getType());
        assertEquals(Arrays.asList("male", "female", null), view.getProperties().get("gender").getEnumeration());
        Schema deletedAt = view.getProperties().get("deleted_at");
        assertNull(deletedAt.getRef(), "a date is written in place so that it can be null");
        assertEquals(List.of(SchemaType.STRING, SchemaType.NULL), deletedAt.getType());
        assertEquals("date-time", deletedAt.getFormat());
        assertEquals(List.of(SchemaType.STRING), instant.getType(), "the shared Instant schema is unchanged");
        assertEquals("#/components/schemas/Address", view.getProperties().get("address").getRef(), "an object stays a reference");
        assertEquals(List.of(SchemaType.BOOLEAN), envelope.getProperties().get("success").getType());
        assertEquals("#/components/schemas/Instant", envelope.getProperties().get("timestamp").getRef());
    }
}
