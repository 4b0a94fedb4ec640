package io.ipsc.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault drills that take minutes, outside the default {@code mvn verify}: {@code ./ipsc drills}
 * (or {@code mvn -pl e2e -Pdrills verify}) runs them with the essential ones.
 */
@Tag("drill")
@ExtendWith(SuiteExtension.class)
class LongFaultDrillTest {

    private static LocalSuite suite;
    private static String admin;
    private static Tenants tenants;

    /** The answers the drill got from the gateway, a restarting service's included, are the documented ones. */
    @AfterAll
    static void answersMatchTheDocument() {
        OpenApiAnswers.snapshot().assertNone();
    }

    @BeforeAll
    static void startSuite(LocalSuite started) {
        suite = started;
        admin = suite.adminToken();
        tenants = new Tenants(suite, admin);
    }

    @Test
    void stoppingKafkaDuringProvisioningDelaysTenantsButEveryOneBecomesActive() throws Exception {
        List<String> beforeOutage = clinics("drill-c-a", 5);
        List<String> duringOutage = clinics("drill-c-b", 5);
        for (String slug : beforeOutage) {
            tenants.create(clinic(slug)).then().statusCode(201);
        }
        // The broker goes away while those five are being provisioned by three services each.
        suite.stopKafka();
        try {
            // tenant-service keeps accepting: the tenant and its event commit together in its outbox.
            for (String slug : duringOutage) {
                tenants.create(clinic(slug)).then().statusCode(201);
            }
            assertTrue(duringOutage.stream().allMatch(s -> "provisioning".equals(tenants.status(s))),
                    "no tenant can be active before its event reached the services");
            assertEquals(duringOutage.size(), Sql.column(suite, "ipsc_platform",
                    "SELECT id FROM outbox WHERE published_at IS NULL AND record_key LIKE 'drill-c-b%'").size(),
                    "their events wait in the outbox");
        } finally {
            suite.startKafka();
        }

        List<String> all = new ArrayList<>(beforeOutage);
        all.addAll(duringOutage);
        tenants.awaitActive(all);
        await("the outbox drained").atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> Sql.column(suite, "ipsc_platform",
                "SELECT id FROM outbox WHERE published_at IS NULL").isEmpty());
        for (String slug : all) {
            tenants.get(slug).getMap("provisioning").values().forEach(p ->
                    assertEquals("provisioned", ((Map<?, ?>) p).get("status"), slug + ": " + p));
            Api.as(admin, suite.gatewayUrl()).body(Map.of("first_name", "Asha", "last_name", "Rao"))
                    .post("/api/tenants/" + slug + "/patients").then().statusCode(201);
        }
    }

    @Test
    void killingDentalServiceDuringATenantsMigrationEndsMigratedAndActive() throws Exception {
        String slug = "drill-d";
        String database = "tenant_drill_d_dental";
        tenants.create(clinic(slug)).then().statusCode(201);
        // Kill as soon as dental-service begins: its CREATE DATABASE runs, or the database appears.
        Instant deadline = Instant.now().plusSeconds(120);
        while (!provisioningBegun(database)) {
            assertTrue(Instant.now().isBefore(deadline), "dental-service never began provisioning " + slug);
            Thread.sleep(5);
        }
        suite.kill(LocalSuite.DENTAL);
        // Which moment the kill hit depends on the machine; the outcome below must hold for any of them.
        System.out.println("drill d: dental-service killed with " + slug + " " + tenants.status(slug)
                + ", dental " + tenants.get(slug).getString("provisioning.dental.status"));
        suite.restart(LocalSuite.DENTAL);

        tenants.awaitActive(List.of(slug));
        // Migrated to the same schema as the template every new tenant database is copied from.
        String templateVersion = latestMigration("ipsc_template_dental");
        assertEquals(templateVersion, latestMigration(database), "schema of " + database);
        assertEquals(List.of(), Sql.column(suite, database, "SELECT version FROM flyway_schema_history WHERE NOT success"),
                "no failed migration left behind");
        Api.as(admin, suite.url(LocalSuite.DENTAL)).header("X-Tenant-ID", slug).get("/api/tenant-database").then()
                .statusCode(200).body("data.schema_version", is(templateVersion));
        assertEquals("provisioned", tenants.get(slug).getString("provisioning.dental.status"));
        Api.as(admin, suite.gatewayUrl()).body(Map.of("first_name", "Ravi", "last_name", "Iyer"))
                .post("/api/tenants/" + slug + "/patients").then().statusCode(201);
    }

    private static boolean provisioningBegun(String database) {
        return !Sql.column(suite, "postgres", """
                SELECT datname FROM pg_database WHERE datname = ?
                UNION ALL
                SELECT pid::text FROM pg_stat_activity WHERE query ILIKE ?""", database, "%" + database + "%").isEmpty();
    }

    private static String latestMigration(String database) {
        return Sql.column(suite, database,
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1").get(0);
    }

    private static List<String> clinics(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    /** A dental clinic: three services each provision a database for it. */
    private static Map<String, Object> clinic(String slug) {
        return Map.of("name", "Clinic " + slug, "slug", slug, "organization_type", "dental_clinic",
                "contact_email", "desk@" + slug + ".example", "state", "Karnataka", "pincode", "560001");
    }
}
