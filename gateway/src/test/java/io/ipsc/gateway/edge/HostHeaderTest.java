package io.ipsc.gateway.edge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class HostHeaderTest {

    @Test
    void twoHostHeadersAreRefusedEvenWhenEqual() {
        assertTrue(HostHeader.refusal(List.of("a.localhost", "b.localhost"), "/api/products").isPresent());
        assertTrue(HostHeader.refusal(List.of("a.localhost", "a.localhost"), "/api/products").isPresent());
    }

    @Test
    void anAbsoluteUriMustNameTheHostOfTheHeader() {
        assertTrue(HostHeader.refusal(List.of("b.localhost"), "http://a.localhost:8000/api/products").isPresent());
        assertTrue(HostHeader.refusal(List.of("a.localhost:9000"), "http://a.localhost:8000/api/products").isPresent());
        assertTrue(HostHeader.refusal(List.of("A.LOCALHOST:8000"), "http://a.localhost:8000/api/products").isEmpty());
        assertTrue(HostHeader.refusal(List.of("a.localhost"), "http://a.localhost:80/api/products").isEmpty(), "80 is http's port");
        assertTrue(HostHeader.refusal(List.of("a.localhost"), "https://a.localhost/api/products").isEmpty());
    }

    @Test
    void anOrdinaryRequestPasses() {
        assertTrue(HostHeader.refusal(List.of("a.localhost:8000"), "/api/products?x=1").isEmpty());
        assertTrue(HostHeader.refusal(List.of(), "/api/products").isEmpty());
    }
}
