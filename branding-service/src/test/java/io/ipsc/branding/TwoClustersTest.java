package io.ipsc.branding;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.ManagementInterface;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: tenants placed on two PostgreSQL clusters ({@code main} and {@code second}, two embedded
 * servers), each provisioned, migrated and served on its own cluster, and kept apart as on one; and a
 * tenant moved from main to second while its admin keeps saving its branding through the API.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "test-tokens", value = "true"), @ResourceArg(name = "clusters", value = "2")})
class TwoClustersTest {

    /**
     * The company name a trail row saved: an update names its changed fields as {old, new}; an insert (trail v3,
     * {@code changes_format} 3) holds the row as it was written.
     */
    private static final String SAVED_NAME =
            "CASE WHEN changes_format = 3 THEN changes ->> 'company_name' ELSE changes -> 'company_name' ->> 'new' END";

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TenantEventsPublisher events;

    @Inject
    TenantPoolRegistry pools;

    @BeforeAll
    static void openPublisher() {
        events = new TenantEventsPublisher();
    }

    @AfterAll
    static void closePublisher() {
        events.close();
    }

    @Test
    void tenantsOnMainAndOnSecondAreEachServedFromTheirOwnCluster() throws Exception {
        // One snapshot as tenant-service wrote them before placement (no placement: main), one placed on second.
        Snapshot onMain = TenantEventsPublisher.snapshot(slug("main"), "business").member(501, "admin");
        Snapshot onSecond = TenantEventsPublisher.snapshot(slug("second"), "business").member(502, "admin").placedOn("second");
        events.publish(onMain);
        events.publish(onSecond);

        JsonNode mainReport = TenantEventsPublisher.awaitReport(onMain.slug(), "branding", "PROVISIONED", 0, WAIT);
        JsonNode secondReport = TenantEventsPublisher.awaitReport(onSecond.slug(), "branding", "PROVISIONED", 0, WAIT);
        assertEquals("main", mainReport.path("cluster").asText());
        assertEquals("second", secondReport.path("cluster").asText());

        // Each database exists on its tenant's server, and only there.
        assertTrue(existsOnMain(database(onMain)));
        assertFalse(existsOnSecond(database(onMain)));
        assertTrue(existsOnSecond(database(onSecond)));
        assertFalse(existsOnMain(database(onSecond)));
        // A database on second is a copy of second's own template, migrated there.
        assertTrue(existsOnSecond("ipsc_template_branding"));

        member(501, onMain.slug()).get("/api/tenant-database").then().statusCode(200)
                .body("data.tenant", is(onMain.slug())).body("data.cluster", is("main"))
                .body("data.pool.cluster", is("main"));
        member(502, onSecond.slug()).get("/api/tenant-database").then().statusCode(200)
                .body("data.tenant", is(onSecond.slug())).body("data.database", is(database(onSecond)))
                .body("data.cluster", is("second")).body("data.pool.cluster", is("second"));
        // And what the API writes for the tenant on second lands in second's database.
        member(502, onSecond.slug()).contentType("application/json").body(Map.of("primary_color", "#2E86AB", "secondary_color", "#A23B72",
                        "accent_color", "#F18F01", "company_name", "Second Cluster Traders"))
                .put("/api/branding").then().statusCode(200);
        assertEquals("1", scalarOnSecond(database(onSecond), "SELECT count(*) FROM branding WHERE company_name = 'Second Cluster Traders'"));
    }

    @Test
    void isolationHoldsAcrossClusters() {
        Snapshot a = provisioned(TenantEventsPublisher.snapshot(slug("iso-main"), "business").member(601, "admin"));
        Snapshot b = provisioned(TenantEventsPublisher.snapshot(slug("iso-second"), "business").member(602, "admin").placedOn("second"));

        // Each tenant's admin naming the other in the header, also with forged claims: refused.
        member(601, b.slug()).get("/api/tenant-database").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        member(602, a.slug()).get("/api/tenant-database").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(601, Map.of(a.slug(), "admin", b.slug(), "admin")))
                .header("X-Tenant-ID", b.slug()).get("/api/tenant-database").then().statusCode(403);
        // A platform admin is served each from its own cluster.
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", b.slug())
                .get("/api/tenant-database").then().statusCode(200).body("data.cluster", is("second"))
                .body("data.tenant", is(b.slug()));
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", a.slug())
                .get("/api/tenant-database").then().statusCode(200).body("data.cluster", is("main"))
                .body("data.tenant", is(a.slug()));
    }

    @Test
    void aTenantOnAClusterThisServiceCannotReachIsReportedFailedNamingTheSetting() {
        Snapshot lost = TenantEventsPublisher.snapshot(slug("third"), "business").member(701, "admin").placedOn("third");
        events.publish(lost);

        JsonNode failed = TenantEventsPublisher.awaitReport(lost.slug(), "branding", "FAILED", 0, WAIT);
        assertTrue(failed.path("detail").asText().contains("IPSC_CLUSTERS_THIRD_HOST"), failed.toString());
        member(701, lost.slug()).get("/api/tenant-database").then().statusCode(503);
    }

    @Test
    void aTenantSavingItsBrandingThroughoutIsMovedToSecondEverySavedChangeKept() throws Exception {
        Snapshot tenant = provisioned(TenantEventsPublisher.snapshot(slug("moving"), "business").member(901, "admin"));
        String database = "tenant_" + tenant.slug().replace('-', '_') + "_branding";

        List<String> saved = new CopyOnWriteArrayList<>();
        List<String> refusals = new CopyOnWriteArrayList<>();
        AtomicBoolean saving = new AtomicBoolean(true);
        Thread admin = new Thread(() -> {
            for (int n = 0; saving.get(); n++) {
                String name = "Traders " + n;
                Response answer = member(901, tenant.slug()).contentType("application/json")
                        .body(Map.of("primary_color", "#2E86AB", "secondary_color", "#A23B72", "accent_color", "#F18F01",
                                "company_name", name))
                        .put("/api/branding");
                if (answer.statusCode() == 200) {
                    saved.add(name);
                } else {
                    refusals.add(answer.statusCode() + " " + answer.body().asString());
                }
            }
        }, "branding-admin");
        admin.start();
        Awaitility.await().atMost(WAIT).until(() -> saved.size() >= 10);
        events.publish(tenant.movedTo("second"));
        JsonNode switched = TenantEventsPublisher.awaitReport(tenant.slug(), "branding", "PROVISIONED", tenant.version(), WAIT);
        assertEquals("second", switched.path("cluster").asText());
        int atSwitch = saved.size();
        Awaitility.await().atMost(WAIT).until(() -> saved.size() >= atSwitch + 10);
        saving.set(false);
        admin.join(Duration.ofSeconds(30).toMillis());

        assertEquals(List.of(), refusals, "every save was answered 200 (the switch's pause is shorter than the bound)");
        member(901, tenant.slug()).get("/api/tenant-database").then().statusCode(200)
                .body("data.cluster", is("second")).body("data.pool.cluster", is("second"));
        member(901, tenant.slug()).get("/api/branding").then().statusCode(200)
                .body("data.company_name", is(saved.get(saved.size() - 1)));
        // Every save acknowledged is in the tenant's audit trail on second: copied from main, or written there after.
        Set<String> audited = new HashSet<>(column(EmbeddedServers.get().secondJdbcUrl(database),
                "SELECT " + SAVED_NAME + " FROM ipsc_audit WHERE table_name = 'branding'"));
        List<String> missing = saved.stream().filter(name -> !audited.contains(name)).toList();
        List<String> archives = column(EmbeddedServers.get().jdbcUrl("postgres"),
                "SELECT datname FROM pg_database WHERE datname LIKE 'archived\\_%" + database + "'");
        assertEquals(List.of(), missing, () -> "acknowledged saves missing from the trail on second (of " + saved + ", " + atSwitch
                + " saved before the switch was reported); in the source's trail: " + trail(archives));
        // The source is archived on main, not dropped; nothing is left of the move.
        assertEquals(List.of(), column(EmbeddedServers.get().jdbcUrl("postgres"),
                "SELECT datname FROM pg_database WHERE datname = '" + database + "' OR datname LIKE '%" + database + "\\_\\_moving'"));
        assertEquals(1, column(EmbeddedServers.get().jdbcUrl("postgres"),
                "SELECT datname FROM pg_database WHERE datname LIKE 'archived\\_%" + database + "'").size());
        assertEquals(List.of(), column(EmbeddedServers.get().jdbcUrl("postgres"),
                "SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE 'ipsc\\_move\\_%'"));
    }

    @Test
    void aRequestHeldPastTheSwitchsPauseIsAnswered503TenantMovingWithRetryAfterAndNothingWritten() {
        Snapshot tenant = provisioned(TenantEventsPublisher.snapshot(slug("held"), "business").member(902, "admin"));
        pools.pause(tenant.slug());
        try {
            member(902, tenant.slug()).contentType("application/json")
                    .body(Map.of("primary_color", "#2E86AB", "secondary_color", "#A23B72", "accent_color", "#F18F01",
                            "company_name", "Never Saved"))
                    .put("/api/branding").then().statusCode(503)
                    .header("Retry-After", "2")
                    .body("success", is(false)).body("error.code", is("TENANT_MOVING"));
        } finally {
            pools.resume(tenant.slug());
        }
        member(902, tenant.slug()).get("/api/branding").then().statusCode(200)
                .body("data.company_name", not(is("Never Saved")));
    }

    @Test
    void readinessNamesBothClusters() {
        ManagementInterface.given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'database-clusters' }.status", is("UP"))
                .body("checks.find { it.name == 'database-clusters' }.data.reachable", is("main,second"))
                .body("checks.find { it.name == 'database-clusters' }.data.missing", is(""));
    }

    private static Snapshot provisioned(Snapshot tenant) {
        events.publish(tenant);
        TenantEventsPublisher.awaitReport(tenant.slug(), "branding", "PROVISIONED", tenant.version(), WAIT);
        return tenant;
    }

    private static RequestSpecification member(long userId, String slug) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(userId, Map.of(slug, "admin")))
                .header("X-Tenant-ID", slug);
    }

    private static String database(Snapshot tenant) {
        return "tenant_" + tenant.slug().replace('-', '_') + "_branding";
    }

    private static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static boolean existsOnMain(String database) throws Exception {
        return "1".equals(scalar(EmbeddedServers.get().jdbcUrl("postgres"), "SELECT count(*) FROM pg_database WHERE datname = ?", database));
    }

    private static boolean existsOnSecond(String database) throws Exception {
        return "1".equals(scalar(EmbeddedServers.get().secondJdbcUrl("postgres"), "SELECT count(*) FROM pg_database WHERE datname = ?", database));
    }

    private static String scalarOnSecond(String database, String sql) throws Exception {
        return scalar(EmbeddedServers.get().secondJdbcUrl(database), sql, null);
    }

    private static String scalar(String url, String sql, String parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String trail(List<String> archives) {
        try {
            return archives.isEmpty() ? "(no archive)" : column(EmbeddedServers.get().jdbcUrl(archives.get(0)),
                    "SELECT id || ' ' || at || ' ' || (" + SAVED_NAME + ") FROM ipsc_audit WHERE table_name = 'branding' ORDER BY id")
                    .toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static List<String> column(String url, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
