package io.ipsc.tenancy.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvelopeSchemasTest {

    @Test
    void aCreatingOperationDocumentsItsEnvelopeUnder201() {
        Operation create = OASFactory.createOperation().operationId("createInvoice")
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("OK")
                        .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("ApiResponseInvoiceView"))))))
                .addExtension(EnvelopeSchemas.SUCCESS_STATUS, "201");

        new EnvelopeSchemas().filterOperation(create);

        assertEquals(Set.of("201"), create.getResponses().getAPIResponses().keySet());
        assertEquals("Created", create.getResponses().getAPIResponse("201").getDescription());
        assertEquals("#/components/schemas/ApiResponseInvoiceView",
                create.getResponses().getAPIResponse("201").getContent().getMediaType("application/json").getSchema().getRef());
        assertEquals(null, create.getExtensions().get(EnvelopeSchemas.SUCCESS_STATUS));
    }

    @Test
    void aStatusWithoutADocumentedAnswerFailsTheBuild() {
        Operation nothing = OASFactory.createOperation().operationId("x").addExtension(EnvelopeSchemas.SUCCESS_STATUS, "201");
        assertThrows(IllegalStateException.class, () -> new EnvelopeSchemas().filterOperation(nothing));
    }

    @Test
    void theVoidEnvelopesDataIsNull() {
        var document = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("ApiResponseVoid",
                OASFactory.createSchema().addProperty("success", OASFactory.createSchema()).addProperty("data", OASFactory.createSchema())));
        new EnvelopeSchemas().filterOpenAPI(document);
        assertEquals(List.of(SchemaType.NULL), document.getComponents().getSchemas().get("ApiResponseVoid").getProperties().get("data").getType());
    }
}
