package io.ipsc.tenancy.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the seed guide's request bodies on the operations they are sent to, as request examples in every
 * service's OpenAPI document (so Swagger UI's "Try it out" starts from them, and a generated client's docs
 * show them). Each is a file under {@code examples/}, {@code <operationId>.<name>.json}, holding the JSON
 * exactly as the guide prints it (the e2e seed walk posts the same text); "example" ones are not in the guide
 * and are bodies the e2e walk sends.
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 0)
public class RequestExamples implements OASFilter {

    /** Operation → its examples' names, in the order Swagger UI offers them. */
    static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            Map.entry("createTenant", List.of("smile-dental", "precision-mfg", "abc-trading")),
            Map.entry("updateTenant", List.of("seed")),
            Map.entry("updateTenantFeatures", List.of("seed")),
            Map.entry("updateTenantSubscription", List.of("seed")),
            Map.entry("addTenantMember", List.of("seed")),
            Map.entry("changeTenantMemberRole", List.of("seed")),
            Map.entry("login", List.of("example")),
            Map.entry("createPatient", List.of("seed")),
            Map.entry("bookAppointment", List.of("seed")),
            Map.entry("createTreatment", List.of("seed")),
            Map.entry("createBom", List.of("seed")),
            Map.entry("createProductionOrder", List.of("seed")),
            Map.entry("createWorkCenter", List.of("seed")),
            Map.entry("updateBranding", List.of("seed")),
            Map.entry("createProduct", List.of("example")),
            Map.entry("createCustomer", List.of("example")),
            Map.entry("createInvoice", List.of("example")));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Operation filterOperation(Operation operation) {
        // An operation without an id has no examples (and Map.of would throw on a null key); OpenApiContract
        // fails such an operation in each service's tests, where it names the operation.
        List<String> names = operation.getOperationId() == null ? null : EXAMPLES.get(operation.getOperationId());
        if (names == null || operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return operation;
        }
        MediaType json = operation.getRequestBody().getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        if (json == null) {
            return operation;
        }
        for (String name : names) {
            json.addExample(name, OASFactory.createExample()
                    .summary("example".equals(name) ? "A body the e2e walk sends" : "From the seed guide")
                    .value(read(operation.getOperationId() + "." + name + ".json")));
        }
        return operation;
    }

    /** The example's JSON as a value (kept in the file's key order), so the document shows JSON, not a string. */
    static Object read(String file) {
        try (InputStream in = RequestExamples.class.getResourceAsStream("examples/" + file)) {
            if (in == null) {
                throw new IllegalStateException("No request example " + file + " next to " + RequestExamples.class.getName());
            }
            return JSON.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Request example " + file + " is not JSON", e);
        }
    }
}
