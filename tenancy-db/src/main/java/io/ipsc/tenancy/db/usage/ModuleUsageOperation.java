package io.ipsc.tenancy.db.usage;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

import java.util.Locale;

/**
 * Names {@link ModuleUsageResource}'s operation after the service's module, as a generated client needs one name
 * per module: {@code getModuleUsage} becomes {@code getDentalUsage} in dental-service's document (the module from
 * {@code quarkus.application.name}), and its summary says "dental". Runs before the other filters, which expect
 * every operation to have its id.
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 100)
public class ModuleUsageOperation implements OASFilter {

    static final String OPERATION_ID = "getModuleUsage";
    static final String SUMMARY = "Get the tenant's module usage this month";

    @Override
    public Operation filterOperation(Operation operation) {
        if (OPERATION_ID.equals(operation.getOperationId())) {
            String module = ModuleUsage.module(ConfigProvider.getConfig().getValue(ModuleUsage.APPLICATION_NAME, String.class));
            name(operation, module);
        }
        return operation;
    }

    static void name(Operation operation, String module) {
        String title = module.substring(0, 1).toUpperCase(Locale.ROOT) + module.substring(1);
        operation.setOperationId("get" + title + "Usage");
        operation.setSummary(SUMMARY.replace("module", module));
    }
}
