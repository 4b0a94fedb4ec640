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
    void shutAnswersAsTheGatesListDoesForEveryServiceFamilyAndFeatureSet() {
        // Every feature a gate can need: the modules' own and the families'.
        List<String> features = java.util.stream.Stream.concat(ServiceNeeds.SERVICES.values().stream(), FeatureGates.FAMILY_FEATURES.values().stream())
                .filter(f -> !f.isEmpty()).distinct().sorted().toList();
        int checked = 0;
        for (String service : List.of("dental", "invoicing", "manufacturing", "branding", "tenant-service")) {
            for (String family : List.of("dental-supplies", "patients", "reports", "stock", "products", "boms", "users")) {
                for (int on = 0; on < 1 << features.size(); on++) {
                    Map<String, Boolean> set = new java.util.HashMap<>();
                    for (int f = 0; f < features.size(); f++) {
                        set.put(features.get(f), (on & 1 << f) != 0);
                    }
                    TenantSnapshot tenant = tenant(set);
                    assertEquals(FeatureGates.gates(service, family).stream().filter(g -> !tenant.featureOn(g.feature())).findFirst(),
                            FeatureGates.shut(service, family, tenant), service + " " + family + " " + set);
                    checked++;
                }
            }
        }
        assertEquals(5 * 7 * (1 << features.size()), checked);
        assertEquals(true, features.size() >= 4, "the modules' and families' features: " + features);
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
