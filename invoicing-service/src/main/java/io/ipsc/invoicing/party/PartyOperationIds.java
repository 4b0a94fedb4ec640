package io.ipsc.invoicing.party;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

import java.util.Map;

/**
 * Customers and vendors share their resource methods ({@link PartyResources}), so the annotations give
 * both the same operationIds ({@code createParty}, {@code listParties}, ...); a generated client needs one
 * name per operation, so this names them after the path's kind: {@code createCustomer}, {@code listVendors}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PartyOperationIds implements OASFilter {

    private static final Map<String, String[]> KINDS = Map.of(
            "/api/customers", new String[] {"Customer", "Customers"},
            "/api/vendors", new String[] {"Vendor", "Vendors"});

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> KINDS.forEach((prefix, names) -> {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                item.getOperations().values().forEach(operation -> rename(operation, names[0], names[1]));
            }
        }));
    }

    private static void rename(Operation operation, String singular, String plural) {
        if (operation.getOperationId() != null) {
            operation.setOperationId(operation.getOperationId().replace("Parties", plural).replace("Party", singular));
        }
        if (operation.getSummary() != null) {
            operation.setSummary(operation.getSummary().replace("parties", plural.toLowerCase()).replace("party", singular.toLowerCase()));
        }
    }
}
