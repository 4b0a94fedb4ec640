package io.ipsc.gateway.door;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest {

    @Test
    void anAddressOrABlockIsTrustedAndNothingAroundIt() {
        TrustedProxies proxies = new TrustedProxies(Optional.of(List.of("127.0.0.1", " 10.0.0.0/8", "fd00::/8")));
        assertTrue(proxies.isTrusted("127.0.0.1"));
        assertFalse(proxies.isTrusted("127.0.0.2"), "one address is a /32");
        assertTrue(proxies.isTrusted("10.0.0.1"));
        assertTrue(proxies.isTrusted("10.255.255.254"));
        assertFalse(proxies.isTrusted("11.0.0.1"), "just past 10.0.0.0/8");
        assertFalse(proxies.isTrusted("9.255.255.255"), "just before 10.0.0.0/8");
        assertTrue(proxies.isTrusted("fd12:3456::1"));
        assertFalse(proxies.isTrusted("fe80::1"));
        assertFalse(proxies.isTrusted("::ffff:11.0.0.1"), "an IPv4-mapped address outside the blocks");
        assertFalse(proxies.isTrusted("localhost"), "names are never looked up");
    }

    @Test
    void nothingIsTrustedWhenNothingIsListed() {
        assertFalse(new TrustedProxies(Optional.empty()).isTrusted("127.0.0.1"));
    }

    @Test
    void aMistypedEntryStopsTheStartInsteadOfTrustingNoOneSilently() {
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(Optional.of(List.of("10.0.0.0/33"))));
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(Optional.of(List.of("web-app"))));
    }
}
