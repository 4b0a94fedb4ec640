package io.ipsc.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in for the gateway in this module's own tests, answering sign-in and sign-out with the
 * envelopes the real one sends (tenant-service's INVALID_CREDENTIALS, ACCOUNT_LOCKED with Retry-After).
 * The pages against the real suite are the e2e module's browser tests.
 */
public class StubGateway implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD = "correct horse battery";
    public static final String ADMIN = "admin@ipsc.local";
    public static final String MEMBER = "member@example.com";
    public static final String LOCKED = "locked@example.com";
    public static final String ACCESS_TOKEN = "stub-access-token-never-in-a-page";
    /** A tenant whose dental database could not be provisioned, until a retry is asked. */
    public static final String FAILING = "failing-clinic";
    private static volatile boolean retried;

    /** The X-Forwarded-For of each sign-in and sign-out the web app sent, newest last. */
    public static final java.util.List<String> FORWARDED_FOR = new java.util.concurrent.CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/auth/login", StubGateway::login);
        server.createContext("/api/tenants", StubGateway::createTenant);
        server.createContext("/api/auth/logout", StubGateway::logout);
        server.createContext("/api/signup", StubGateway::signUp);
        server.createContext("/api/tenants/" + FAILING, StubGateway::failingTenant);
        server.start();
        return Map.of("ipsc.web.gateway-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static void logout(HttpExchange exchange) throws IOException {
        FORWARDED_FOR.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
        answer(exchange, 200, "{\"success\":true,\"data\":null,\"message\":\"Signed out\"}", null);
    }

    static void login(HttpExchange exchange) throws IOException {
        FORWARDED_FOR.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (body.contains(LOCKED)) {
            answer(exchange, 429, error("ACCOUNT_LOCKED", "Too many failed sign-ins; try again in 15 minute(s)"), "900");
        } else if (body.contains("\"" + PASSWORD + "\"") && (body.contains(ADMIN) || body.contains(MEMBER))) {
            boolean admin = body.contains(ADMIN);
            answer(exchange, 200, """
                    {"success":true,"message":"Signed in","data":{"access_token":"%s","refresh_token":"stub-refresh",
                    "token_type":"Bearer","expires_in":900,"user":{"id":%d,"email":"%s","full_name":"%s",
                    "platform_admin":%s,"tenants":{"smile-dental":"viewer"}}}}"""
                    .formatted(ACCESS_TOKEN, admin ? 1 : 2, admin ? ADMIN : MEMBER, admin ? "Platform administrator" : "Meera Shah", admin),
                    null);
        } else {
            answer(exchange, 401, error("INVALID_CREDENTIALS", "Wrong e-mail or password"), null);
        }
    }

    /**
     * Tenant creation as tenant-service refuses a bad PIN code (422 with the field), but only for a call
     * that carries the signed-in admin's token and the API's snake_case body.
     */
    static void createTenant(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, error("UNAUTHORIZED", "No valid token"), null);
        } else if (!body.contains("\"organization_type\":\"dental_clinic\"") || !body.contains("\"pincode\":\"4000\"")) {
            answer(exchange, 400, error("BAD_REQUEST", "Unexpected body " + body.replace('"', '\'')), null);
        } else {
            answer(exchange, 422, "{\"success\":false,\"data\":null,\"message\":\"Invalid tenant\",\"error\":{\"code\":\"VALIDATION_ERROR\","
                    + "\"details\":[{\"field\":\"pincode\",\"message\":\"pincode must be a 6-digit Indian PIN code, e.g. 400001\"}]}}", null);
        }
    }

    /**
     * Self-service sign-up is off; its form checks answer as tenant-service does: a malformed slug is a
     * problem, the seed's GSTIN is registered in Maharashtra with a check character that only warns.
     * Only the signed-in admin's token is let through (anonymous visitors are refused while sign-up is off).
     */
    private static void signUp(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if ("GET".equals(exchange.getRequestMethod())) {
            answer(exchange, 200, "{\"success\":true,\"data\":{\"enabled\":false,\"max_tenants_per_account\":1,\"plan\":\"free\"}}", null);
        } else if (!exchange.getRequestURI().getPath().equals("/api/signup/check")) {
            answer(exchange, 403, error("SELF_SERVICE_DISABLED", "Self-service sign-up is off"), null);
        } else if (!("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 403, error("SELF_SERVICE_DISABLED", "Self-service sign-up is off"), null);
        } else if (body.contains("\"slug\":\"Bad Slug\"")) {
            answer(exchange, 200, "{\"success\":true,\"data\":{\"valid\":false,\"slug_available\":null,\"problems\":"
                    + "[{\"field\":\"slug\",\"message\":\"slug may hold only lower-case letters, digits and hyphens\"}],\"warnings\":[]}}", null);
        } else if (body.contains("\"gstin\":\"27AABFS1234A1Z5\"")) {
            answer(exchange, 200, "{\"success\":true,\"data\":{\"valid\":true,\"gstin_state\":\"27 Maharashtra\",\"problems\":[],"
                    + "\"warnings\":[{\"field\":\"gstin\",\"message\":\"GSTIN 27AABFS1234A1Z5 ends with check character '5' but 'D' was expected\"}]}}", null);
        } else {
            answer(exchange, 200, "{\"success\":true,\"data\":{\"valid\":true,\"slug_available\":true,\"problems\":[],\"warnings\":[]}}", null);
        }
    }

    /** {@link #FAILING}: dental FAILED; a retry (platform admin's token) turns it back to PROVISIONING. */
    private static void failingTenant(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestURI().getPath().endsWith("/provisioning/retry") && "POST".equals(exchange.getRequestMethod())) {
            retried = true;
            answer(exchange, 200, "{\"success\":true,\"data\":" + failingTenantJson() + ",\"message\":\"Provisioning requested again\"}", null);
        } else {
            answer(exchange, 200, "{\"success\":true,\"data\":" + failingTenantJson() + ",\"message\":\"Tenant\"}", null);
        }
    }

    private static String failingTenantJson() {
        String dental = retried ? "{\"status\":\"PROVISIONING\"}" : "{\"status\":\"FAILED\",\"detail\":\"disk full\"}";
        return "{\"id\":7,\"slug\":\"" + FAILING + "\",\"name\":\"Failing Clinic\",\"status\":\"provisioning\",\"features\":{},"
                + "\"provisioning\":{\"invoicing\":{\"status\":\"PROVISIONED\"},\"dental\":" + dental + "}}";
    }

    static String error(String code, String message) {
        return "{\"success\":false,\"data\":null,\"message\":\"" + message + "\",\"error\":{\"code\":\"" + code + "\",\"details\":[]}}";
    }

    static void answer(HttpExchange exchange, int status, String json, String retryAfter) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
