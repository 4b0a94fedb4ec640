package io.ipsc.e2e.web;

import io.ipsc.e2e.LocalSuite;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;

/**
 * The set-up every browser test makes through the API before it opens a browser: requests as the platform admin, a
 * tenant created and awaited until it is active, and users made members of it with a role.
 */
final class WebTenants {

    /** How long a new tenant may take to become active (its databases in every module) on this busy machine. */
    static final Duration PROVISIONING = Duration.ofSeconds(240);

    /** Well inside the access token's 15 minutes; a class's set-up and tests take a few. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(5);

    private final LocalSuite suite;
    private String adminToken;
    private Instant adminTokenAt;

    WebTenants(LocalSuite suite) {
        this.suite = suite;
    }

    /** A request to the gateway as the platform admin. */
    RequestSpecification api() {
        return given().baseUri(suite.gatewayUrl()).contentType("application/json")
                .header("Authorization", "Bearer " + adminToken());
    }

    /**
     * The admin's token, signed in again only when it is old: a sign-in per request (every poll of a wait among
     * them) hashed the password each time.
     */
    private synchronized String adminToken() {
        if (adminToken == null || Instant.now().isAfter(adminTokenAt.plus(TOKEN_REUSE))) {
            adminToken = suite.adminToken();
            adminTokenAt = Instant.now();
        }
        return adminToken;
    }

    /** Creates the tenant {@code fields} describe (its slug among them) and waits until it is active. */
    void create(Map<String, ?> fields) {
        api().body(fields).post("/api/tenants").then().statusCode(201);
        awaitActive((String) fields.get("slug"));
    }

    /** Waits until the tenant {@code slug} is active. */
    void awaitActive(String slug) {
        await(() -> "active".equals(api().get("/api/tenants/" + slug).path("data.status")), slug + " did not become active");
    }

    /**
     * Waits until a feature switched on for {@code slug} has reached the service answering {@code path} (as an event):
     * until the API answers it 200.
     */
    void awaitAnswer(String slug, String path) {
        await(() -> api().get("/api/tenants/" + slug + "/" + path).statusCode() == 200, path + " did not answer for " + slug);
    }

    private static void await(Callable<Boolean> done, String failure) {
        Awaitility.await(failure).atMost(PROVISIONING).pollInterval(Duration.ofMillis(500)).until(done);
    }

    /** A new user, made a member of {@code slug} with {@code role}; their id. */
    long member(String slug, String email, String password, String fullName, String role) {
        int id = user(email, password, fullName);
        api().body(Map.of("user_id", id, "role", role)).post("/api/tenants/" + slug + "/users").then().statusCode(201);
        return id;
    }

    /** A new user of the suite, a member of no tenant yet; their id. */
    int user(String email, String password, String fullName) {
        return api().body(Map.of("email", email, "password", password, "full_name", fullName))
                .post("/api/users").then().statusCode(201).extract().path("data.id");
    }
}
