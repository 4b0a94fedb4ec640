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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    /**
     * The guide's bodies are the ones the e2e seed walk posts through the gateway ({@code e2e}'s SeedGuide,
     * copied from the guide as printed): each example not named "example" is, character for character, one of them.
     */
    @Test
    void theSeedExamplesAreTheBodiesTheE2eWalkPosts() throws IOException {
        Path seedGuide = Path.of("../e2e/src/test/java/io/ipsc/e2e/SeedGuide.java");
        Set<String> posted = new TreeSet<>();
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("= \"\"\"\n(.*?)\"\"\";", java.util.regex.Pattern.DOTALL)
                .matcher(Files.readString(seedGuide));
        while (block.find()) {
            posted.add(block.group(1).stripIndent().strip());
        }
        assertTrue(posted.size() >= 15, "read " + posted.size() + " bodies from " + seedGuide);
        RequestExamples.EXAMPLES.forEach((operation, names) -> names.stream().filter(name -> !"example".equals(name)).forEach(name -> {
            Path file = Path.of("src/main/resources/io/ipsc/tenancy/openapi/examples", operation + "." + name + ".json");
            try {
                assertTrue(posted.contains(Files.readString(file).strip()), file + " is not a body of the seed guide as e2e posts it");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    /** An operation without an id passes through untouched (it used to throw a NullPointerException that failed the build). */
    @Test
    void anOperationWithoutAnIdIsLeftAsItIs() {
        Operation unnamed = OASFactory.createOperation().summary("no id");
        assertSame(unnamed, new RequestExamples().filterOperation(unnamed));
        assertNull(unnamed.getRequestBody());
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
