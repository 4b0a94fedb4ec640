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
                        : new ServiceSpec(s.name(), s.module(), s.port() + 30000, s.managementPort() + 30000))
                .toList();
        assertEquals(Map.of(
                "IPSC_JWT_JWKS_URL", "http://127.0.0.1:38081/.well-known/jwks.json",
                "IPSC_UPSTREAM_TENANT_SERVICE", "http://127.0.0.1:38081",
                "IPSC_UPSTREAM_TENANT_SERVICE_MANAGEMENT", "http://127.0.0.1:39081",
                "IPSC_UPSTREAM_INVOICING", "http://127.0.0.1:38082",
                "IPSC_UPSTREAM_INVOICING_MANAGEMENT", "http://127.0.0.1:39082",
                "IPSC_UPSTREAM_MANUFACTURING", "http://127.0.0.1:38084",
                "IPSC_UPSTREAM_MANUFACTURING_MANAGEMENT", "http://127.0.0.1:39084",
                "IPSC_UPSTREAM_BRANDING", "http://127.0.0.1:38085",
                "IPSC_UPSTREAM_BRANDING_MANAGEMENT", "http://127.0.0.1:39085"), SuiteStarter.addressesOfEachOther(moved));
    }

    @Test
    void aMovedGatewayIsAnnouncedToTheWebApp() {
        List<ServiceSpec> moved = Services.ALL.stream()
                .map(s -> s.name().equals("gateway") ? new ServiceSpec(s.name(), s.module(), 18000, 19000) : s)
                .toList();
        assertEquals(Map.of("IPSC_WEB_GATEWAY_URL", "http://127.0.0.1:18000"), SuiteStarter.addressesOfEachOther(moved));
    }

    @Test
    void theWebAppStartsLastAfterTheGateway() {
        assertEquals(Services.WEB, Services.ALL.get(Services.ALL.size() - 1));
        assertEquals(5173, Services.WEB.port());
        assertEquals(9173, Services.WEB.managementPort());
    }

    @Test
    void aMovedManagementPortAloneIsAnnouncedToTheGateway() {
        List<ServiceSpec> moved = Services.ALL.stream()
                .map(s -> s.name().equals("dental-service") ? new ServiceSpec(s.name(), s.module(), s.port(), 19083) : s)
                .toList();
        assertEquals(Map.of("IPSC_UPSTREAM_DENTAL_MANAGEMENT", "http://127.0.0.1:19083"), SuiteStarter.addressesOfEachOther(moved));
    }

    @Test
    void readinessIsAskedOfTheManagementInterface() {
        ServiceSpec invoicing = Services.named("invoicing-service").orElseThrow();
        assertEquals("http://127.0.0.1:9082/q/health/ready", invoicing.readinessUri().toString());
        assertEquals("http://localhost:8082", invoicing.url());
    }
}
