package io.ipsc.tenancy.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestExamplesTest {

    @Test
    void everyListedExampleHasItsFileAndEveryFileIsListed() throws IOException {
        Set<String> listed = RequestExamples.EXAMPLES.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(name -> e.getKey() + "." + name + ".json"))
                .collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/io/ipsc/tenancy/openapi/examples"))) {
            assertEquals(listed, files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        }
        listed.forEach(RequestExamples::read);
    }

    /** The seed guide's body as it prints it, key order kept, on the operation it is sent to. */
    @Test
    void theGuidesBodiesBecomeTheOperationsExamples() {
        Operation create = OASFactory.createOperation().operationId("createTenant").requestBody(OASFactory.createRequestBody()
                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType())));
        new RequestExamples().filterOperation(create);
        var examples = create.getRequestBody().getContent().getMediaType("application/json").getExamples();
        assertEquals(List.of("smile-dental", "precision-mfg", "abc-trading"), List.copyOf(examples.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> smile = (Map<String, Object>) examples.get("smile-dental").getValue();
        assertEquals(List.of("name", "slug", "organization_type", "contact_person", "contact_email", "contact_phone", "gstin",
                "industry", "size", "address_line1", "city", "state", "pincode"), List.copyOf(smile.keySet()));
        assertEquals("27AABFS1234A1Z5", smile.get("gstin"));
        Operation other = OASFactory.createOperation().operationId("listTenants");
        new RequestExamples().filterOperation(other);
        assertTrue(other.getRequestBody() == null);
    }
}
