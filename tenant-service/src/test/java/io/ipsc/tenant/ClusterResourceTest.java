package io.ipsc.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.ipsc.tenant.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The registry of database clusters ({@code /api/database/clusters}), its snapshots on
 * {@code ipsc.clusters}, and where new tenants are placed. The registry is shared by every test of
 * the run, so each test registers clusters under names of its own.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class ClusterResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTERS = "/api/database/clusters";

    @Test
    void theClustersIpscClustersNamesAreRegisteredAtStartAndPublished() throws Exception {
        String admin = Api.adminToken();

        as(admin).get(CLUSTERS).then().statusCode(200)
                .body("data.name", hasItems("main", "second"))
                .body("data.find { it.name == 'second' }.state", is("open"))
                .body("data.find { it.name == 'second' }.capacity", is(5000));
        try (TopicReader reader = new TopicReader(Topics.CLUSTERS)) {
            List<ConsumerRecord<String, String>> records = reader.await(r -> "second".equals(r.key()), 1, Duration.ofSeconds(30));
            JsonNode snapshot = JSON.readTree(records.get(0).value());
            assertEquals("open", snapshot.get("state").asText());
            assertEquals(5000, snapshot.get("capacity").asInt());
            assertEquals(false, records.get(0).value().contains("host"), "no address or credentials on the topic");
        }
    }

    @Test
    void aRegisteredClusterIsChangedAndEachChangeIsPublished() throws Exception {
        String admin = Api.adminToken();
        String name = clusterName();

        as(admin).body(Map.of("name", name, "capacity", 200)).post(CLUSTERS).then().statusCode(201)
                .body("data.name", is(name)).body("data.state", is("open")).body("data.capacity", is(200))
                .body("data.tenants", is(0)).body("data.free", is(200));
        as(admin).body(Map.of("name", name, "capacity", 10)).post(CLUSTERS).then().statusCode(409)
                .body("error.code", is("DUPLICATE_CLUSTER"));
        as(admin).body(Map.of("state", "draining")).put(CLUSTERS + "/" + name).then().statusCode(200)
                .body("data.state", is("draining")).body("data.capacity", is(200));
        as(admin).get(CLUSTERS + "/" + name).then().statusCode(200).body("data.state", is("draining"));

        try (TopicReader reader = new TopicReader(Topics.CLUSTERS)) {
            List<ConsumerRecord<String, String>> records = reader.await(r -> name.equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals(List.of("open", "draining"), records.stream().map(r -> field(r, "state")).toList());
            assertEquals(List.of("0", "1"), records.stream().map(r -> field(r, "version")).toList());
        }
    }

    @Test
    void wrongRequestsAreRefusedAtTheirField() {
        String admin = Api.adminToken();

        as(admin).body(Map.of("name", "eu-west", "capacity", 10)).post(CLUSTERS).then().statusCode(400)
                .body("error.code", is("VALIDATION_ERROR")).body("error.details[0].field", is("name"));
        as(admin).body(Map.of("name", clusterName())).post(CLUSTERS).then().statusCode(400)
                .body("error.details[0].field", is("capacity"));
        as(admin).body(Map.of("name", clusterName(), "capacity", -1, "state", "paused")).post(CLUSTERS).then().statusCode(400)
                .body("error.details.field", hasItems("capacity", "state"));
        as(admin).post(CLUSTERS).then().statusCode(400).body("error.code", is("MISSING_BODY"));
        as(admin).body(Map.of("state", "closed")).put(CLUSTERS + "/nosuchcluster").then().statusCode(404)
                .body("error.code", is("NOT_FOUND"));
        as(admin).body(Map.of()).put(CLUSTERS + "/second").then().statusCode(400);
        as(admin).body(Map.of("name", "third")).put(CLUSTERS + "/second").then().statusCode(400)
                .body("error.details[0].field", is("name"));
    }

    @Test
    void onlyPlatformAdminsSeeOrChangeTheRegistryWhateverTenantTheyName() {
        String admin = Api.adminToken();
        String slug = Api.slug("clusters");
        Api.createTenant(admin, slug);
        String tenantAdmin = Api.tenantAdmin(admin, slug);

        as(tenantAdmin).get(CLUSTERS).then().statusCode(403).body("error.code", is("FORBIDDEN"));
        as(tenantAdmin).header("X-Tenant-ID", slug).get(CLUSTERS).then().statusCode(403);
        as(tenantAdmin).header("X-Tenant-ID", slug).body(Map.of("name", clusterName(), "capacity", 10)).post(CLUSTERS)
                .then().statusCode(403);
        as(tenantAdmin).body(Map.of("state", "closed")).put(CLUSTERS + "/second").then().statusCode(403);
        given().get(CLUSTERS).then().statusCode(401);
        as(admin).get(CLUSTERS + "/second").then().statusCode(200).body("data.state", is("open"));
    }

    @Test
    void aNamedClusterTakesTheTenantUntilItIsFullOrDraining() throws Exception {
        String admin = Api.adminToken();
        String name = clusterName();
        as(admin).body(Map.of("name", name, "capacity", 1)).post(CLUSTERS).then().statusCode(201);
        String slug = Api.slug("placed");

        as(admin).body(clinicOn(slug, name)).post("/api/tenants").then().statusCode(201)
                .body("data.placement.cluster", is(name)).body("data.placement.version", is(0));

        as(admin).get(CLUSTERS + "/" + name).then().body("data.tenants", is(1)).body("data.free", is(0));
        as(admin).body(clinicOn(Api.slug("full"), name)).post("/api/tenants").then().statusCode(409)
                .body("error.code", is("CLUSTER_NOT_OPEN"));
        as(admin).body(Map.of("capacity", 0)).put(CLUSTERS + "/" + name).then().statusCode(409)
                .body("error.code", is("CLUSTER_CAPACITY_BELOW_TENANTS"));
        as(admin).body(Map.of("capacity", 5, "state", "draining")).put(CLUSTERS + "/" + name).then().statusCode(200);
        as(admin).body(clinicOn(Api.slug("drained"), name)).post("/api/tenants").then().statusCode(409)
                .body("error.code", is("CLUSTER_NOT_OPEN"));
        as(admin).body(clinicOn(Api.slug("nowhere"), "nosuchcluster")).post("/api/tenants").then().statusCode(400)
                .body("error.details[0].field", is("cluster"));
        // A tenant's cluster is not a field an update changes (a move is its own operation).
        as(admin).body(Map.of("cluster", "main")).put("/api/tenants/" + slug).then().statusCode(400)
                .body("error.details[0].field", is("cluster"));

        as(admin).get("/api/tenants/" + slug).then().statusCode(200)
                .body("data.placement.cluster", is(name))
                .body("data.provisioning.invoicing.cluster", is(name));
        as(admin).get("/api/tenants/" + slug + "/config").then().statusCode(200)
                .body("data.clusters.find { it.service == 'invoicing' }.cluster", is(name));
        try (TopicReader reader = new TopicReader(Topics.TENANTS)) {
            ConsumerRecord<String, String> created = reader.await(r -> slug.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            JsonNode placement = JSON.readTree(created.value()).get("placement");
            assertEquals(name, placement.get("cluster").asText());
            assertEquals(0, placement.get("version").asLong());
        }
    }

    @Test
    void creationsAtTheSameTimeNeverFillAClusterPastItsCapacity() throws Exception {
        String admin = Api.adminToken();
        String name = clusterName();
        as(admin).body(Map.of("name", name, "capacity", 2)).post(CLUSTERS).then().statusCode(201);
        // Six creations at once all find two free places when they choose; the check before each commit settles who gets them.
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String slug = Api.slug("race");
                answers.add(pool.submit(() -> {
                    go.await();
                    return as(admin).body(clinicOn(slug, name)).post("/api/tenants").then().extract().statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertEquals(2, statuses.stream().filter(code -> code == 201).count(), statuses.toString());
            assertEquals(4, statuses.stream().filter(code -> code == 409).count(), statuses.toString());
            as(admin).get(CLUSTERS + "/" + name).then().body("data.tenants", is(2)).body("data.free", is(0));
        } finally {
            pool.shutdownNow();
            as(admin).body(Map.of("state", "closed")).put(CLUSTERS + "/" + name).then().statusCode(200);
        }
    }

    @Test
    void creationsOnAClusterWithRoomToSpareShareItsRowAndAChangeOfTheClusterWaitsForThem() throws Exception {
        String admin = Api.adminToken();
        String name = clusterName();
        // Far more free places than transactions can be open at once on the server (max_connections).
        as(admin).body(Map.of("name", name, "capacity", 10_000_000)).post(CLUSTERS).then().statusCode(201);
        try (Connection first = platform(); Connection second = platform(); Connection change = platform()) {
            assertEquals(0, placementCheck(first, name));
            // Under V8's exclusive lock this second check would wait for the first creation's commit (lock_timeout
            // turns such a wait into an error instead of a hung test).
            assertEquals(0, placementCheck(second, name));
            SQLException refused = assertThrows(SQLException.class, () -> lockForChange(change, name));
            assertEquals("55P03", refused.getSQLState(), refused.getMessage());
            change.rollback();
            first.commit();
            second.commit();
            lockForChange(change, name);
            change.commit();
        } finally {
            as(admin).body(Map.of("state", "closed")).put(CLUSTERS + "/" + name).then().statusCode(200);
        }
    }

    @Test
    void nearItsCapacityCreationsTakeTheClustersRowOneAtATime() throws Exception {
        String admin = Api.adminToken();
        String name = clusterName();
        as(admin).body(Map.of("name", name, "capacity", 2)).post(CLUSTERS).then().statusCode(201);
        try (Connection first = platform(); Connection second = platform()) {
            assertEquals(0, placementCheck(first, name));
            // The first holds the row exclusively (its shared lock given back): even a shared one is refused meanwhile.
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Statement st = second.createStatement()) {
                    st.execute("SELECT 1 FROM database_clusters WHERE name = '" + name + "' FOR SHARE NOWAIT");
                }
            });
            assertEquals("55P03", refused.getSQLState(), refused.getMessage());
            second.rollback();
            first.commit();
            assertEquals(0, placementCheck(second, name));
            second.commit();
        } finally {
            as(admin).body(Map.of("state", "closed")).put(CLUSTERS + "/" + name).then().statusCode(200);
        }
    }

    /** A connection to the platform database in a transaction of its own; a lock wait longer than 10 s fails. */
    private static Connection platform() throws SQLException {
        Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl("ipsc_platform"), "postgres", "postgres");
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '10s'");
        }
        return c;
    }

    /** Placement's last check (ClusterRepository.lockForPlacement), as a creation makes it: the places taken. */
    private static long placementCheck(Connection c, String cluster) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tenants FROM ipsc_lock_cluster_for_placement(?, 'deleted')")) {
            ps.setString(1, cluster);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The lock a change of the cluster's state or capacity takes (ClusterRepository.lock), without waiting. */
    private static void lockForChange(Connection c, String cluster) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM database_clusters WHERE name = ? FOR NO KEY UPDATE NOWAIT")) {
            ps.setString(1, cluster);
            ps.executeQuery().close();
        }
    }

    @Test
    void withoutAChoiceTheTenantGoesToTheOpenClusterWithTheMostRoom() {
        String admin = Api.adminToken();
        String roomy = clusterName();
        // More room than any other cluster of the run can have.
        as(admin).body(Map.of("name", roomy, "capacity", 10_000_000)).post(CLUSTERS).then().statusCode(201);
        try {
            String slug = Api.slug("policy");
            as(admin).body(Api.dentalClinic(slug)).post("/api/tenants").then().statusCode(201)
                    .body("data.placement.cluster", is(roomy));
        } finally {
            // Closed, it takes no more of the run's tenants.
            as(admin).body(Map.of("state", "closed")).put(CLUSTERS + "/" + roomy).then().statusCode(200);
        }
    }

    @Test
    void whenNoOpenClusterHasRoomANewTenantIsRefused() {
        String admin = Api.adminToken();
        List<String> open = as(admin).get(CLUSTERS).then().statusCode(200).extract().path("data.findAll { it.state == 'open' }.name");
        open.forEach(name -> as(admin).body(Map.of("state", "draining")).put(CLUSTERS + "/" + name).then().statusCode(200));
        try {
            as(admin).body(Api.dentalClinic(Api.slug("homeless"))).post("/api/tenants").then().statusCode(409)
                    .body("error.code", is("NO_CLUSTER_CAPACITY"));
        } finally {
            open.forEach(name -> as(admin).body(Map.of("state", "open")).put(CLUSTERS + "/" + name).then().statusCode(200));
        }
    }

    private static Map<String, Object> clinicOn(String slug, String cluster) {
        Map<String, Object> body = Api.dentalClinic(slug);
        body.put("cluster", cluster);
        return body;
    }

    /** A cluster name of this test's own (the registry outlives a test). */
    private static String clusterName() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String field(ConsumerRecord<String, String> record, String name) {
        try {
            return JSON.readTree(record.value()).get(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
