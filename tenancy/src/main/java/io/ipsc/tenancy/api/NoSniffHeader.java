package io.ipsc.tenancy.api;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every answer of a service's REST layer tells browsers not to guess its type: a JSON answer that
 * echoes a caller's text is never run as HTML or script. Discovered in each service like the
 * library's other filters (the jar is a bean archive, so it is indexed).
 */
public class NoSniffHeader {

    public static final String NAME = "X-Content-Type-Options";

    @ServerResponseFilter
    public void addNoSniff(ContainerResponseContext response) {
        response.getHeaders().putSingle(NAME, "nosniff");
    }
}
