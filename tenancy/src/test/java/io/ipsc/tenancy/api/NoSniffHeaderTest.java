package io.ipsc.tenancy.api;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NoSniffHeaderTest {

    @Test
    void everyAnswerSaysNoSniffOnce() {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        headers.add(NoSniffHeader.NAME, "nosniff");
        // Only the headers of the answer matter to the filter; nothing else of the context is touched.
        ContainerResponseContext answer = (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ContainerResponseContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaders")) {
                        return headers;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        new NoSniffHeader().addNoSniff(answer);

        assertEquals(List.of("nosniff"), headers.get(NoSniffHeader.NAME));
    }
}
