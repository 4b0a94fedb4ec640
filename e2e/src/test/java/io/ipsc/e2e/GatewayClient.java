package io.ipsc.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.client.ApiClient;
import io.ipsc.client.ApiException;
import io.ipsc.client.api.AuthApi;
import io.ipsc.client.model.ApiResponseTokens;
import io.ipsc.client.model.LoginRequest;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLSession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The generated client (api-client, {@code io.ipsc.client}) pointed at the gateway, as someone: every
 * answer it gets goes through {@link OpenApiAnswers} before the generated code reads it.
 */
final class GatewayClient {

    /** Generous: the machine is shared, and a kill drill makes some requests wait for a restart (as {@link Api}). */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Reads the seed guide's bodies into the generated request models: a field the document lacks fails. */
    private static final ObjectMapper STRICT = new ApiClient().getObjectMapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private GatewayClient() {
    }

    static ApiClient as(String token, String baseUri) {
        ApiClient client = anonymous(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /** As no one: for signing in. */
    static ApiClient anonymous(String baseUri) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setReadTimeout(TIMEOUT);
        client.setConnectTimeout(Duration.ofSeconds(5));
        client.setHttpClientBuilder(new RereadableBodies(ApiClient.createDefaultHttpClientBuilder()));
        client.setResponseInterceptor(OpenApiAnswers.snapshot().interceptor());
        return client;
    }

    /** Signs in through the gateway ({@code login}) and returns the access token. */
    static String signIn(String baseUri, String email, String password) throws ApiException {
        ApiResponseTokens answer = new AuthApi(anonymous(baseUri)).login(new LoginRequest().email(email).password(password));
        assertNotNull(answer.getData(), "login answered without data: " + answer);
        assertNotNull(answer.getData().getAccessToken(), "login answered without data.access_token: " + answer);
        return answer.getData().getAccessToken();
    }

    /** The JSON text (a seed guide body) as the generated model {@code type}, refusing any field the model does not have. */
    static <T> T parse(String json, Class<T> type) {
        try {
            return STRICT.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the seed guide's body does not fit the document's " + type.getSimpleName()
                    + " (" + e.getOriginalMessage() + "):\n" + json, e);
        }
    }

    static <T> T parse(String json, TypeReference<T> type) {
        try {
            return STRICT.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the seed guide's body does not fit the document (" + e.getOriginalMessage() + "):\n" + json, e);
        }
    }

    /** A call the gateway must refuse with {@code status}: the client throws, and the answer's body is returned. */
    static String refused(int status, Call call) {
        ApiException refusal = assertThrows(ApiException.class, call::run, "expected a " + status);
        assertEquals(status, refusal.getCode(), refusal.getResponseBody());
        return refusal.getResponseBody();
    }

    @FunctionalInterface
    interface Call {
        void run() throws ApiException;
    }

    /**
     * Builds a client whose answers hold their body in memory, handed out afresh on each {@code body()}:
     * the response interceptor reads it to check it, and the generated code reads it again.
     * The generated ("native") code always asks for the body as an InputStream.
     */
    private static final class RereadableBodies implements HttpClient.Builder {
        private final HttpClient.Builder builder;

        RereadableBodies(HttpClient.Builder builder) {
            this.builder = builder;
        }

        @Override
        public HttpClient.Builder cookieHandler(CookieHandler handler) {
            builder.cookieHandler(handler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            builder.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext context) {
            builder.sslContext(context);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters parameters) {
            builder.sslParameters(parameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            builder.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
            builder.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(HttpClient.Version version) {
            builder.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            builder.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector selector) {
            builder.proxy(selector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            builder.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient build() {
            return new Buffering(builder.build());
        }
    }

    private static final class Buffering extends HttpClient {
        private final HttpClient client;

        Buffering(HttpClient client) {
            this.client = client;
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            return new Buffered<>(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(Buffered::new);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> push) {
            return sendAsync(request, handler);
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return client.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return client.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return client.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return client.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return client.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return client.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return client.authenticator();
        }

        @Override
        public Version version() {
            return client.version();
        }

        @Override
        public Optional<Executor> executor() {
            return client.executor();
        }
    }

    private record Buffered<T>(HttpResponse<byte[]> response) implements HttpResponse<T> {
        @Override
        @SuppressWarnings("unchecked")
        public T body() {
            return (T) new ByteArrayInputStream(response.body());
        }

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }
}
