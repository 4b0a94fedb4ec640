package io.ipsc.tenancy.event;

import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.FeatureGates.Gate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureGatesTest {

    @Test
    void aFamilyIsBehindItsModulesFeatureFirstThenItsOwn() {
        assertEquals(List.of(new Gate(Features.DENTAL_MANAGEMENT, "dental module"),
                        new Gate(Features.INVENTORY_MANAGEMENT, "dental-supplies part of the dental module")),
                FeatureGates.gates("dental", "dental-supplies"));
        assertEquals(List.of(new Gate(Features.DENTAL_MANAGEMENT, "dental module")), FeatureGates.gates("dental", "patients"));
        assertEquals(List.of(new Gate(Features.ADVANCED_REPORTING, "reports part of the invoicing module")),
                FeatureGates.gates("invoicing", "reports"));
        assertEquals(List.of(new Gate(Features.MANUFACTURING_MANAGEMENT, "manufacturing module")),
                FeatureGates.gates("manufacturing", "boms"));
        assertEquals(List.of(), FeatureGates.gates("invoicing", "products"));
        assertEquals(List.of(), FeatureGates.gates("branding", "branding"));
        assertEquals(List.of(), FeatureGates.gates("tenant-service", "users"));
    }

    @Test
    void theFirstShutGateIsTheOneRefused() {
        TenantSnapshot clinicWithoutStock = tenant(Map.of(Features.DENTAL_MANAGEMENT, true, Features.INVENTORY_MANAGEMENT, false));
        TenantSnapshot shop = tenant(Map.of(Features.INVENTORY_MANAGEMENT, true));

        assertEquals(Optional.of(Features.INVENTORY_MANAGEMENT),
                FeatureGates.shut("dental", "dental-supplies", clinicWithoutStock).map(Gate::feature));
        assertEquals(Optional.empty(), FeatureGates.shut("dental", "patients", clinicWithoutStock));
        // Without the module, its module gate speaks, whatever the family needs besides.
        assertEquals(Optional.of(Features.DENTAL_MANAGEMENT), FeatureGates.shut("dental", "dental-supplies", shop).map(Gate::feature));
    }

    @Test
    void theRefusalIs403FeatureDisabledNamingTheFeature() {
        ApiException refusal = new Gate(Features.INVENTORY_MANAGEMENT, "dental-supplies part of the dental module").refusal("smile");
        assertEquals(403, refusal.status());
        assertEquals("FEATURE_DISABLED", refusal.code());
        assertEquals("The dental-supplies part of the dental module is not enabled for tenant 'smile' (feature inventory_management)",
                refusal.getMessage());
    }

    private static TenantSnapshot tenant(Map<String, Boolean> features) {
        return new TenantSnapshot(TenantEventType.TENANT_UPDATED, 1, "smile", "Smile", "dental_clinic", "active", features,
                null, Map.of(), null, null, 1, null, null);
    }
}
