package io.ipsc.tenancy.db.guard;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * {@link TenantDatabaseResource} is one class served by every domain service, so its annotation gives
 * the same operationId in each document; the gateway merges them, where ids must be unique, so each
 * service names it after itself: {@code describeDentalTenantDatabase}, {@code describeInvoicingTenantDatabase}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class TenantDatabaseOperationId implements OASFilter {

    static final String SHARED_ID = "describeTenantDatabase";

    @Override
    public Operation filterOperation(Operation operation) {
        if (SHARED_ID.equals(operation.getOperationId())) {
            String service = ConfigProvider.getConfig().getValue("ipsc.service.name", String.class);
            operation.setOperationId("describe" + Character.toUpperCase(service.charAt(0)) + service.substring(1) + "TenantDatabase");
        }
        return operation;
    }
}
