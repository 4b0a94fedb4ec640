package io.ipsc.web.page;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every page answer gets on its way out. Pages show one person's data: no cache keeps them, so
 * that after signing out the back button shows nothing private (static files are not pages and stay
 * cacheable). And a form post refused without a body (the CSRF check's 400) says what happened,
 * instead of leaving the browser's own error page.
 */
public class NoStore {

    @ServerResponseFilter
    public void finishPage(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (response.getStatus() == 400 && !response.hasEntity() && HttpMethod.POST.equals(request.getMethod())) {
            String heading = "This form has expired";
            response.setEntity(Pages.problem(Chrome.of(heading, null), heading,
                    "It was not sent. Go back, reload the page and send it again.").render(), null, MediaType.TEXT_HTML_TYPE);
        }
    }
}
