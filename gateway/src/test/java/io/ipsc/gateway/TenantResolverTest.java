package io.ipsc.gateway;

import io.ipsc.gateway.door.TenantResolver;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantResolverTest {

    private final TenantResolver resolver = new TenantResolver(true, "default", Optional.of("ipsc.example.com"));

    @Test
    void eachSourceAloneNamesTheTenant() {
        assertEquals("smile-dental", resolver.resolve("smile-dental", null, "localhost:8000").slug());
        assertEquals("smile-dental", resolver.resolve(null, "smile-dental", "localhost:8000").slug());
        assertEquals("smile-dental", resolver.resolve(null, null, "smile-dental.localhost:8000").slug());
        assertEquals("smile-dental", resolver.resolve(null, null, "smile-dental.ipsc.example.com").slug());
        assertEquals("subdomain", resolver.resolve(null, null, "smile-dental.ipsc.example.com").source());
    }

    @Test
    void agreeingSourcesAreFineAndDisagreeingOnesAConflict() {
        assertEquals("a-tenant", resolver.resolve("a-tenant", "a-tenant", "a-tenant.localhost").slug());
        assertTrue(resolver.resolve("a-tenant", "b-tenant", null).isConflict());
        assertTrue(resolver.resolve(null, "a-tenant", "b-tenant.localhost").isConflict());
    }

    @Test
    void hostsWithoutATenantLabelNameNone() {
        for (String host : new String[]{"localhost", "localhost:8000", "127.0.0.1:8000", "ipsc.example.com", "a.b.localhost",
                "www.localhost", "api.ipsc.example.com", "evil.com", null}) {
            assertFalse(resolver.resolve(null, null, host).tenant().isPresent(), String.valueOf(host));
        }
    }

    @Test
    void withMultiTenancyOffEveryRequestBelongsToTheDefaultTenant() {
        TenantResolver single = new TenantResolver(false, "default", Optional.empty());
        assertEquals("default", single.resolve(null, null, "localhost").slug());
        assertEquals("default", single.resolve(null, "default", null).slug());
        assertTrue(single.resolve(null, "other-tenant", null).isConflict());
    }
}
