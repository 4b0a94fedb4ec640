package io.ipsc.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuiteStarterTest {

    @Test
    void theStandardPortsNeedNoAddresses() {
        assertEquals(Map.of(), SuiteStarter.addressesOfEachOther(Services.ALL));
    }

    @Test
    void movedServicesAreAnnouncedToTheOthers() {
        List<ServiceSpec> moved = Services.ALL.stream()
                .map(s -> s.name().equals("gateway") || s.name().equals("dental-service") ? s
                        : new ServiceSpec(s.name(), s.module(), s.port() + 30000))
                .toList();
        assertEquals(Map.of(
                "IPSC_JWT_JWKS_URL", "http://127.0.0.1:38081/.well-known/jwks.json",
                "IPSC_UPSTREAM_TENANT_SERVICE", "http://127.0.0.1:38081",
                "IPSC_UPSTREAM_INVOICING", "http://127.0.0.1:38082",
                "IPSC_UPSTREAM_MANUFACTURING", "http://127.0.0.1:38084",
                "IPSC_UPSTREAM_BRANDING", "http://127.0.0.1:38085"), SuiteStarter.addressesOfEachOther(moved));
    }
}
