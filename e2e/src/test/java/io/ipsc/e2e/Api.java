package io.ipsc.e2e;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * Requests as a client sends them: to a base URL, as someone (a bearer token) or as no one. For the tests
 * about raw HTTP (forged headers, dot segments, raw paths); the seed walk uses the generated client
 * ({@link GatewayClient}). Either way, the gateway's answers are checked against the OpenAPI document.
 */
final class Api {

    /** Generous: the machine is shared, and a kill drill makes some requests wait for a restart. */
    private static final int TIMEOUT_MILLIS = 60_000;

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5_000)
            .setParam("http.socket.timeout", TIMEOUT_MILLIS));

    private Api() {
    }

    static RequestSpecification as(String token, String baseUri) {
        return anonymous(baseUri).header("Authorization", "Bearer " + token);
    }

    static RequestSpecification anonymous(String baseUri) {
        return given().spec(new RequestSpecBuilder()
                .setBaseUri(baseUri)
                .setConfig(CONFIG)
                .setContentType(ContentType.JSON)
                .setAccept(ContentType.JSON)
                .addFilter(OpenApiAnswers.snapshot().filter())
                .build());
    }
}
