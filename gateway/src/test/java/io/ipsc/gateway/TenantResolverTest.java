package io.ipsc.gateway;

import io.ipsc.gateway.door.TenantResolver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantResolverTest {

    private final TenantResolver resolver = new TenantResolver(true, "default", Optional.of("ipsc.example.com"));

    @Test
    void eachSourceAloneNamesTheTenant() {
        assertEquals("smile-dental", resolver.resolve("smile-dental", List.of(), "localhost:8000").slug());
        assertEquals("smile-dental", resolver.resolve(null, List.of("smile-dental"), "localhost:8000").slug());
        assertEquals("smile-dental", resolver.resolve(null, List.of(), "smile-dental.localhost:8000").slug());
        assertEquals("smile-dental", resolver.resolve(null, List.of(), "smile-dental.ipsc.example.com").slug());
        assertEquals("subdomain", resolver.resolve(null, List.of(), "smile-dental.ipsc.example.com").source());
    }

    @Test
    void agreeingSourcesAreFineAndDisagreeingOnesAConflict() {
        assertEquals("a-tenant", resolver.resolve("a-tenant", List.of("a-tenant"), "a-tenant.localhost").slug());
        assertTrue(resolver.resolve("a-tenant", List.of("b-tenant"), null).isConflict());
        assertTrue(resolver.resolve(null, List.of("a-tenant"), "b-tenant.localhost").isConflict());
        assertTrue(resolver.resolve(null, List.of("a-tenant", "b-tenant"), null).isConflict(), "two headers, two tenants");
        assertEquals("a-tenant", resolver.resolve(null, List.of("a-tenant", " a-tenant"), null).slug());
    }

    @Test
    void hostsWithoutATenantLabelNameNone() {
        for (String host : new String[]{"localhost", "localhost:8000", "127.0.0.1:8000", "ipsc.example.com", "a.b.localhost",
                "www.localhost", "api.ipsc.example.com", "evil.com", null}) {
            assertFalse(resolver.resolve(null, List.of(), host).tenant().isPresent(), String.valueOf(host));
        }
    }

    @Test
    void withMultiTenancyOffEveryRequestBelongsToTheDefaultTenant() {
        TenantResolver single = new TenantResolver(false, "default", Optional.empty());
        assertEquals("default", single.resolve(null, List.of(), "localhost").slug());
        assertEquals("default", single.resolve(null, List.of("default"), null).slug());
        assertTrue(single.resolve(null, List.of("other-tenant"), null).isConflict());
    }
}
