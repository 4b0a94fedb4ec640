package io.ipsc.gateway.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Singleton;

/** Writes the gateway's own answers in the suite's envelope, from the plain Vert.x routes. */
@Singleton
public class Envelopes {

    private final ObjectMapper json;

    public Envelopes(ObjectMapper json) {
        this.json = json;
    }

    /** The refusal with its status, its headers ({@code Retry-After}, …) and its code. */
    public void fail(HttpServerResponse response, ApiException e) {
        response.setStatusCode(e.status());
        e.headers().forEach((name, value) -> response.headers().set(name, value));
        send(response, ApiResponse.failure(e.code(), e.getMessage(), e.details()));
    }

    public void send(HttpServerResponse response, Object body) {
        try {
            response.headers().set("Content-Type", "application/json");
            response.end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            response.setStatusCode(500).end();
        }
    }
}
