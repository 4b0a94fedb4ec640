package io.ipsc.tenant;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Small helpers the tenant-service tests share: signing in, and the seed guide's tenant bodies. */
public final class Api {

    public static final String ADMIN_EMAIL = "admin@ipsc.test";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private Api() {
    }

    public static String login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login")
                .then().statusCode(200)
                .extract().path("data.access_token");
    }

    public static String adminToken() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    /** A unique slug for a test, so that tests never depend on each other's tenants. */
    public static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The seed guide's dental clinic, under another slug. */
    public static Map<String, Object> dentalClinic(String slug) {
        return new java.util.HashMap<>(Map.ofEntries(
                Map.entry("name", "Smile Dental Clinic"),
                Map.entry("slug", slug),
                Map.entry("organization_type", "dental_clinic"),
                Map.entry("contact_person", "Dr. Sarah Johnson"),
                Map.entry("contact_email", "dr.sarah@smiledental.com"),
                Map.entry("contact_phone", "+91-9876543210"),
                Map.entry("gstin", "27AABFS1234A1Z5"),
                Map.entry("industry", "Healthcare"),
                Map.entry("size", "small"),
                Map.entry("address_line1", "123 Dental Street"),
                Map.entry("city", "Mumbai"),
                Map.entry("state", "Maharashtra"),
                Map.entry("pincode", "400001")));
    }

    /** Creates a user and returns its id. */
    public static int createUser(String adminToken, String email) {
        return as(adminToken).body(Map.of("email", email, "password", "a-long-password-1", "full_name", "Test User"))
                .post("/api/users").then().statusCode(201).extract().path("data.id");
    }

    public static void createTenant(String adminToken, String slug) {
        as(adminToken).body(dentalClinic(slug)).post("/api/tenants").then().statusCode(201);
    }

    /** A tenant admin of a fresh tenant, made so by the platform admin: its token. */
    public static String tenantAdmin(String adminToken, String slug) {
        String email = slug("tadmin") + "@example.com";
        int user = createUser(adminToken, email);
        as(adminToken).body(Map.of("user_id", user, "role", "admin")).post("/api/tenants/" + slug + "/users").then().statusCode(201);
        return login(email, "a-long-password-1");
    }

    /** Sends {@code count} requests at once (they wait for each other at a start line) and returns their answers. */
    public static List<Response> atOnce(int count, Supplier<Response> request) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CyclicBarrier startLine = new CyclicBarrier(count);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(pool.submit(() -> {
                    startLine.await();
                    return request.get();
                }));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } catch (Exception e) {
            throw new IllegalStateException("Parallel requests did not complete", e);
        } finally {
            pool.shutdownNow();
        }
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
