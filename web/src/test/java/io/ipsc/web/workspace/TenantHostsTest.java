package io.ipsc.web.workspace;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantHostsTest {

    private final TenantHosts local = new TenantHosts(Optional.empty());
    private final TenantHosts withDomain = new TenantHosts(Optional.of("ipsc.example.in"));

    @Test
    void aSubdomainOfLocalhostIsATenant() {
        assertEquals(Optional.of("smile-dental"), local.tenantOf("smile-dental.localhost:5173"));
        assertEquals(Optional.of("smile-dental"), local.tenantOf("Smile-Dental.LOCALHOST"));
        assertEquals(Optional.empty(), local.tenantOf("localhost:5173"));
        assertEquals(Optional.empty(), local.tenantOf("127.0.0.1:5173"));
        assertEquals(Optional.empty(), local.tenantOf(null));
    }

    @Test
    void onlyOneWellFormedLabelCounts() {
        assertEquals(Optional.empty(), local.tenantOf("a.b.localhost:5173"));
        assertEquals(Optional.empty(), local.tenantOf("-bad.localhost"));
        assertEquals(Optional.empty(), local.tenantOf("under_score.localhost"));
    }

    @Test
    void thePublicDomainWhenSet() {
        assertEquals(Optional.of("precision-mfg"), withDomain.tenantOf("precision-mfg.ipsc.example.in"));
        assertEquals(Optional.empty(), local.tenantOf("precision-mfg.ipsc.example.in"));
        assertEquals(Optional.empty(), withDomain.tenantOf("ipsc.example.in"));
    }

    @Test
    void theWorkspaceLinkUsesTheTenantsHostOnLocalhost() {
        assertEquals("http://smile-dental.localhost:5173/", local.workspaceUrl("smile-dental", "http", "localhost:5173"));
        assertEquals("/t/smile-dental/", local.workspaceUrl("smile-dental", "http", "127.0.0.1:5173"));
    }

    @Test
    void theMenuFollowsTheFeatures() {
        var dental = Menu.of(Map.of("dental_management", true), "/t/smile-dental/", false);
        assertTrue(dental.stream().anyMatch(i -> i.label().equals("Patients") && i.href().equals("/t/smile-dental/patients")));
        assertFalse(dental.stream().anyMatch(i -> i.label().equals("Dental supplies")), "supplies need inventory_management as well");
        var stocked = Menu.of(Map.of("dental_management", true, "inventory_management", true), "/t/smile-dental/", false);
        assertTrue(stocked.stream().anyMatch(i -> i.label().equals("Dental supplies") && i.href().equals("/t/smile-dental/supplies")));
        assertFalse(Menu.of(Map.of("inventory_management", true), "/", false).stream().anyMatch(i -> i.label().equals("Dental supplies")));
        var business = Menu.of(Map.of("dental_management", false), "/", false);
        assertFalse(business.stream().anyMatch(i -> i.label().equals("Patients") || i.label().equals("Appointments")));
        assertFalse(business.stream().anyMatch(i -> i.label().equals("Production")));
        assertEquals("/", business.get(0).href());
        assertFalse(business.stream().anyMatch(i -> i.label().equals("Settings")), "no settings for a member who is no admin");
    }

    @Test
    void settingsAreInTheMenuOfAdminsOnly() {
        var admin = Menu.of(Map.of(), "/t/smile-dental/", true);
        assertTrue(admin.stream().anyMatch(i -> i.label().equals("Settings") && i.href().equals("/t/smile-dental/settings")));
    }
}
