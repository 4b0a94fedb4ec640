package io.ipsc.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalSparesTest {

    @Test
    void aBurstOfAHundredIsSharedAmongTheClusters() {
        assertEquals(100, LocalSpares.perServiceAndCluster(Map.of(), 1));
        assertEquals(50, LocalSpares.perServiceAndCluster(Map.of(), 2));
    }

    @Test
    void theOperatorsValueWins() {
        assertEquals(2, LocalSpares.perServiceAndCluster(Map.of(LocalSpares.VARIABLE, " 2 "), 1));
        assertEquals(0, LocalSpares.perServiceAndCluster(Map.of(LocalSpares.VARIABLE, "-3"), 2));
        // Not a number: the services refuse it with their own message; the launcher's default stands.
        assertEquals(100, LocalSpares.perServiceAndCluster(Map.of(LocalSpares.VARIABLE, "many"), 1));
    }

    @Test
    void onlyTheDomainServicesKeepTenantDatabases() {
        assertEquals(List.of("invoicing-service", "dental-service", "manufacturing-service", "branding-service"),
                Services.WITH_TENANT_DATABASES.stream().map(ServiceSpec::name).toList());
    }
}
