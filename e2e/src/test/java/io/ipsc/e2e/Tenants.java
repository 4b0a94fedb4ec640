package io.ipsc.e2e;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** Creating tenants through the gateway as a platform admin, and waiting for them to become active. */
final class Tenants {

    /** Fifty tenants provision in well under a minute on a laptop; a busy two-core machine gets slack. */
    static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(240);

    private final LocalSuite suite;
    private final String token;

    Tenants(LocalSuite suite, String adminToken) {
        this.suite = suite;
        this.token = adminToken;
    }

    /** A general business with a valid GSTIN: needs invoicing and branding only. */
    static Map<String, Object> business(String slug) {
        return Map.of("name", "Drill " + slug, "slug", slug, "organization_type", "business",
                "contact_email", "owner@" + slug + ".example", "gstin", "29AAGCB7383J1Z4",
                "state", "Karnataka", "pincode", "560001");
    }

    Response create(Object body) {
        return Api.as(token, suite.gatewayUrl()).body(body).post("/api/tenants");
    }

    /** The tenant as tenant-service shows it ({@code data}), or null when it does not answer 200. */
    JsonPath get(String slug) {
        Response response = Api.as(token, suite.gatewayUrl()).get("/api/tenants/" + slug);
        return response.statusCode() == 200 ? response.jsonPath().setRootPath("data") : null;
    }

    String status(String slug) {
        JsonPath tenant = get(slug);
        return tenant == null ? null : tenant.getString("status");
    }

    void awaitActive(Collection<String> slugs) {
        await("tenants active: " + slugs).atMost(ACTIVE_TIMEOUT).ignoreExceptions().until(() -> notActive(slugs).isEmpty());
    }

    Set<String> notActive(Collection<String> slugs) {
        return slugs.stream().filter(s -> !"active".equals(status(s))).collect(Collectors.toSet());
    }

    /** Every slug the admin's list shows, across pages, duplicates kept (the caller checks there are none). */
    List<String> listedSlugs() {
        JsonPath first = Api.as(token, suite.gatewayUrl()).get("/api/tenants?size=100&page=1").then().statusCode(200)
                .extract().jsonPath();
        int pages = first.getInt("data.total_pages");
        List<String> slugs = new ArrayList<>(first.getList("data.items.slug", String.class));
        for (int page = 2; page <= pages; page++) {
            slugs.addAll(Api.as(token, suite.gatewayUrl()).get("/api/tenants?size=100&page=" + page).then().statusCode(200)
                    .extract().jsonPath().getList("data.items.slug", String.class));
        }
        return slugs;
    }
}
