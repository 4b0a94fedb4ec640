package io.ipsc.testsupport;

import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every domain service promises about its per-tenant databases, run against each of them
 * (a service's test extends this class): provisioning from the lifecycle events, idempotence,
 * suspension, archiving on deletion, feature gating, and isolation by token and header.
 */
public abstract class TenantDatabaseContract {

    private static final Duration WAIT = Duration.ofSeconds(60);
    protected static TenantEventsPublisher events;
    private final String service;
    private final String gatingFeature;
    private final String enabledType;

    /**
     * @param service       the service name (invoicing, dental, manufacturing, branding)
     * @param gatingFeature the feature that switches it on, or null when every tenant has it
     * @param enabledType   an organisation type whose default features include this service
     */
    protected TenantDatabaseContract(String service, String gatingFeature, String enabledType) {
        this.service = service;
        this.gatingFeature = gatingFeature;
        this.enabledType = enabledType;
    }

    @BeforeAll
    static void openPublisher() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
    }

    @AfterAll
    static void closePublisher() {
        events.close();
    }

    @Test
    void aTenantThatNeedsTheServiceGetsAMigratedDatabaseOfItsOwn() throws Exception {
        Snapshot tenant = provisioned(slug("own"), 42, "staff");
        member(42, tenant.slug()).get("/api/tenant-database").then().statusCode(200)
                .body("success", is(true))
                .body("data.tenant", is(tenant.slug()))
                .body("data.database", is(database(tenant.slug())))
                .body("data.schema_version", notNullValue())
                .body("data.role", is("staff"))
                .body("data.pool.open", is(true))
                .body("data.pool.max_connections", greaterThanOrEqualTo(1))
                .body("data.pool.database", is(database(tenant.slug())));
        assertTrue(databaseExists(database(tenant.slug())));
    }

    @Test
    void theSameSnapshotTwiceOrAnOlderOneChangesNothing() throws Exception {
        Snapshot tenant = provisioned(slug("twice"), 7, "admin");
        String provisionedAt = scalar(database(tenant.slug()), "SELECT provisioned_at::text FROM ipsc_tenant");
        events.publish(tenant);
        tenant.status("suspended", "TENANT_SUSPENDED");
        events.publish(tenant);
        eventually(() -> member(7, tenant.slug()).get("/api/tenant-database").then().statusCode(403));
        // An older snapshot (not suspended) arriving late must not undo the suspension.
        Snapshot stale = TenantEventsPublisher.snapshot(tenant.slug(), enabledType).member(7, "admin");
        events.publish(stale);
        events.publish(tenant);
        Thread.sleep(1500);
        member(7, tenant.slug()).get("/api/tenant-database").then().statusCode(403).body("error.code", is("TENANT_SUSPENDED"));
        assertEquals(provisionedAt, scalar(database(tenant.slug()), "SELECT provisioned_at::text FROM ipsc_tenant"));
        assertEquals(1, countDatabases(database(tenant.slug())));
    }

    @Test
    void noTokenNoTenantOrAnotherTenantsTokenIsRefused() {
        Snapshot a = provisioned(slug("iso-a"), 100, "admin");
        Snapshot b = provisioned(slug("iso-b"), 200, "admin");
        String memberOfA = TestTokens.get().member(100, Map.of(a.slug(), "admin"));
        // A's admin naming B in the header: refused, whatever the token claims.
        given().header("Authorization", "Bearer " + memberOfA).header("X-Tenant-ID", b.slug())
                .get("/api/tenant-database").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        String forgedClaims = TestTokens.get().member(100, Map.of(a.slug(), "admin", b.slug(), "admin"));
        given().header("Authorization", "Bearer " + forgedClaims).header("X-Tenant-ID", b.slug())
                .get("/api/tenant-database").then().statusCode(403);
        // The refusal is reported for B's security figures, naming the caller and the route.
        try (TopicReader security = new TopicReader(TenantEventsPublisher.SECURITY)) {
            String event = security.await(r -> b.slug().equals(r.key()) && r.value().contains("CROSS_TENANT"), 1,
                    java.time.Duration.ofSeconds(30)).get(0).value();
            assertTrue(event.contains("/api/tenant-database"), event);
        }
        given().header("X-Tenant-ID", a.slug()).get("/api/tenant-database").then().statusCode(401).body("success", is(false));
        given().header("Authorization", "Bearer not-a-token").header("X-Tenant-ID", a.slug())
                .get("/api/tenant-database").then().statusCode(401);
        given().header("Authorization", "Bearer " + memberOfA).get("/api/tenant-database").then()
                .statusCode(400).body("error.code", is("TENANT_REQUIRED"));
        given().header("Authorization", "Bearer " + memberOfA).header("X-Tenant-ID", "no-such-tenant")
                .get("/api/tenant-database").then().statusCode(404);
        // Each tenant's own member, and a platform admin, see each tenant's own database.
        member(100, a.slug()).get("/api/tenant-database").then().statusCode(200).body("data.tenant", is(a.slug()));
        member(200, b.slug()).get("/api/tenant-database").then().statusCode(200).body("data.tenant", is(b.slug()));
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", b.slug())
                .get("/api/tenant-database").then().statusCode(200).body("data.database", is(database(b.slug())));
    }

    @Test
    void aRemovedMemberIsRefusedAsSoonAsTheEventArrives() {
        Snapshot tenant = provisioned(slug("removed"), 300, "manager");
        member(300, tenant.slug()).get("/api/tenant-database").then().statusCode(200);
        events.publish(tenant.withoutMember(300));
        eventually(() -> member(300, tenant.slug()).get("/api/tenant-database").then().statusCode(403).body("error.code", is("NOT_A_MEMBER")));
    }

    @Test
    void suspensionRefusesAndKeepsTheData() {
        Snapshot tenant = provisioned(slug("suspend"), 400, "admin");
        events.publish(tenant.status("suspended", "TENANT_SUSPENDED"));
        eventually(() -> member(400, tenant.slug()).get("/api/tenant-database").then().statusCode(403).body("error.code", is("TENANT_SUSPENDED")));
        events.publish(tenant.status("active", "TENANT_REACTIVATED"));
        eventually(() -> member(400, tenant.slug()).get("/api/tenant-database").then().statusCode(200).body("data.tenant", is(tenant.slug())));
    }

    @Test
    void deletionArchivesTheDatabaseAndLosesNoRow() throws Exception {
        Snapshot tenant = provisioned(slug("deleted"), 500, "admin");
        String name = database(tenant.slug());
        execute(name, "CREATE TABLE precious (note TEXT); INSERT INTO precious VALUES ('keep me')");
        events.publish(tenant.status("deleted", "TENANT_DELETED"));
        TenantEventsPublisher.awaitReport(tenant.slug(), service, "DEPROVISIONED", tenant.version(), WAIT);
        assertFalse(databaseExists(name), "the live database is gone");
        String archived = scalar("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'archived\\_%' AND datname LIKE '%" + name + "'");
        assertEquals("keep me", scalar(archived, "SELECT note FROM precious"));
        member(500, tenant.slug()).get("/api/tenant-database").then().statusCode(404);
    }

    @Test
    void aTenantWithoutTheFeatureHasNoDatabaseUntilItIsTurnedOn() throws Exception {
        assumeTrue(gatingFeature != null, service + " serves every tenant");
        Snapshot tenant = TenantEventsPublisher.snapshot(slug("gated"), "business").member(600, "admin");
        events.publish(tenant);
        eventually(() -> member(600, tenant.slug()).get("/api/tenant-database").then().statusCode(403).body("error.code", is("FEATURE_DISABLED")));
        assertFalse(databaseExists(database(tenant.slug())));
        events.publish(tenant.feature(gatingFeature, true));
        TenantEventsPublisher.awaitReport(tenant.slug(), service, "PROVISIONED", tenant.version(), WAIT);
        member(600, tenant.slug()).get("/api/tenant-database").then().statusCode(200);
    }

    // ---- helpers

    protected Snapshot provisioned(String slug, long memberId, String role) {
        Snapshot tenant = TenantEventsPublisher.snapshot(slug, enabledType).member(memberId, role);
        events.publish(tenant);
        TenantEventsPublisher.awaitReport(slug, service, "PROVISIONED", tenant.version(), WAIT);
        return tenant;
    }

    protected io.restassured.specification.RequestSpecification member(long userId, String slug) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(userId, Map.of(slug, "admin")))
                .header("X-Tenant-ID", slug);
    }

    protected String database(String slug) {
        return "tenant_" + slug.replace('-', '_') + "_" + service;
    }

    protected static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Retries {@code check} until it passes or a timeout, for effects of an event that arrive shortly. */
    protected static void eventually(Runnable check) {
        await().atMost(WAIT).untilAsserted(check::run);
    }

    protected static boolean databaseExists(String name) throws Exception {
        return countDatabases(name) == 1;
    }

    private static int countDatabases(String name) throws Exception {
        return Integer.parseInt(scalar("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"));
    }

    protected static String scalar(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database), "postgres", "postgres");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    protected static void execute(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
