package io.ipsc.branding;

import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A provisioned tenant for the branding API tests, with an admin, a staff member and a viewer. */
record BrandingTenant(String slug, long admin, long staff, long viewer) {

    /** Members get ids from {@code firstUserId} up, so tenants of one test never share a member. */
    static BrandingTenant provision(TenantEventsPublisher events, String prefix, String organizationType, long firstUserId) {
        Snapshot snapshot = TenantEventsPublisher.snapshot(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), organizationType)
                .member(firstUserId, "admin").member(firstUserId + 1, "staff").member(firstUserId + 2, "viewer");
        events.publish(snapshot);
        TenantEventsPublisher.awaitReport(snapshot.slug(), "branding", "PROVISIONED", snapshot.version(), Duration.ofSeconds(60));
        return new BrandingTenant(snapshot.slug(), firstUserId, firstUserId + 1, firstUserId + 2);
    }

    RequestSpecification as(long userId) {
        return asMemberIn(userId, slug);
    }

    /** A request by {@code userId} naming {@code tenantSlug}, whether or not the user belongs to it. */
    static RequestSpecification asMemberIn(long userId, String tenantSlug) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(userId, Map.of()))
                .header("X-Tenant-ID", tenantSlug)
                .contentType(ContentType.JSON);
    }

    RequestSpecification asAdmin() {
        return as(admin);
    }

    /** The name the test publisher gives every tenant, which the defaults use as the company name. */
    String tenantName() {
        return slug + " Pvt Ltd";
    }
}
