package io.ipsc.tenancy.metrics;

import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourceTemplatesTest {

    @Path("/api/products")
    static class Products {
        @Path("/{id}")
        void one() {
        }

        void list() {
        }
    }

    @Path("api/usage/")
    static class Usage {
        @Path("/")
        void get() {
        }
    }

    @Test
    void joinsTheClassAndMethodTemplatesWithOneSlash() throws Exception {
        assertEquals("/api/products/{id}", template(Products.class, "one"));
        assertEquals("/api/products", template(Products.class, "list"));
        assertEquals("/api/usage", template(Usage.class, "get"));
        assertEquals("/", ResourceTemplates.template(null, null));
    }

    @Test
    void outcomeFollowsTheStatusClassAsQuarkusBinderNamedIt() {
        assertEquals("SUCCESS", ServerRequestTimers.outcome(201));
        assertEquals("CLIENT_ERROR", ServerRequestTimers.outcome(403));
        assertEquals("SERVER_ERROR", ServerRequestTimers.outcome(503));
        assertEquals("CLIENT_ERROR", ServerRequestTimers.outcome(0));
    }

    private static String template(Class<?> type, String method) throws NoSuchMethodException {
        return ResourceTemplates.template(type.getAnnotation(Path.class), type.getDeclaredMethod(method).getAnnotation(Path.class));
    }
}
