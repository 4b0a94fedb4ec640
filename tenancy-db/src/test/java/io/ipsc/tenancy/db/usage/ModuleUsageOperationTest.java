package io.ipsc.tenancy.db.usage;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shared usage operation takes each module's name, as the modules' own resources had it. */
class ModuleUsageOperationTest {

    @Test
    void theModuleIsTheServicesNameWithoutService() {
        assertEquals("dental", ModuleUsage.module("dental-service"));
        assertEquals("manufacturing", ModuleUsage.module("manufacturing-service"));
        assertEquals("gateway", ModuleUsage.module("gateway"));
    }

    @Test
    void theOperationIsNamedAfterItsModule() {
        Operation operation = OASFactory.createOperation().operationId(ModuleUsageOperation.OPERATION_ID).summary(ModuleUsageOperation.SUMMARY);
        ModuleUsageOperation.name(operation, "invoicing");
        assertEquals("getInvoicingUsage", operation.getOperationId());
        assertEquals("Get the tenant's invoicing usage this month", operation.getSummary());
    }
}
