package io.ipsc.branding;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, as a service does it: a tenant moved from cluster main to second while its admin keeps saving its branding
 * through the API, and a request held past the switch's pause answered 503 TENANT_MOVING. The same test resources as
 * {@link TwoClustersTest}, so Quarkus boots once for both.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "test-tokens", value = "true"), @ResourceArg(name = "clusters", value = "2")})
class TenantMoveTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
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
    void aTenantSavingItsBrandingThroughoutIsMovedToSecondEverySavedChangeKept() throws Exception {
        Snapshot tenant = provisioned(TenantEventsPublisher.snapshot(slug("moving"), "business").member(901, "admin"));
        String database = "tenant_" + tenant.slug().replace('-', '_') + "_branding";

        List<String> saved = new CopyOnWriteArrayList<>();
        List<String> refusals = new CopyOnWriteArrayList<>();
        AtomicBoolean saving = new AtomicBoolean(true);
        Thread admin = new Thread(() -> {
            for (int n = 0; saving.get(); n++) {
                String name = "Traders " + n;
                Response answer = admin(901, tenant.slug()).contentType("application/json")
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
        admin(901, tenant.slug()).get("/api/tenant-database").then().statusCode(200)
                .body("data.cluster", is("second")).body("data.pool.cluster", is("second"));
        admin(901, tenant.slug()).get("/api/branding").then().statusCode(200)
                .body("data.company_name", is(saved.get(saved.size() - 1)));
        // Every save acknowledged is in the tenant's audit trail on second: copied from main, or written there after.
        Set<String> audited = new HashSet<>(column(EmbeddedServers.get().secondJdbcUrl(database),
                "SELECT changes -> 'company_name' ->> 'new' FROM ipsc_audit WHERE table_name = 'branding'"));
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
            admin(902, tenant.slug()).contentType("application/json")
                    .body(Map.of("primary_color", "#2E86AB", "secondary_color", "#A23B72", "accent_color", "#F18F01",
                            "company_name", "Never Saved"))
                    .put("/api/branding").then().statusCode(503)
                    .header("Retry-After", "2")
                    .body("success", is(false)).body("error.code", is("TENANT_MOVING"));
        } finally {
            pools.resume(tenant.slug());
        }
        admin(902, tenant.slug()).get("/api/branding").then().statusCode(200)
                .body("data.company_name", org.hamcrest.Matchers.not(is("Never Saved")));
    }

    private static Snapshot provisioned(Snapshot tenant) {
        events.publish(tenant);
        TenantEventsPublisher.awaitReport(tenant.slug(), "branding", "PROVISIONED", tenant.version(), WAIT);
        return tenant;
    }

    private static RequestSpecification admin(long userId, String slug) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(userId, Map.of(slug, "admin")))
                .header("X-Tenant-ID", slug);
    }

    private static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String trail(List<String> archives) {
        try {
            return archives.isEmpty() ? "(no archive)" : column(EmbeddedServers.get().jdbcUrl(archives.get(0)),
                    "SELECT id || ' ' || at || ' ' || (changes -> 'company_name' ->> 'new') FROM ipsc_audit WHERE table_name = 'branding' ORDER BY id")
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
