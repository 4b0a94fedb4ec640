package io.ipsc.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.tenant.Api.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Moving a tenant to another database cluster ({@code POST /api/tenants/{slug}/move}): the request's checks, the
 * snapshot that places the tenant on the target, and the move followed from the services' reports, which the test
 * sends on {@code ipsc.provisioning} as the services would: progress, completion, and a failure rolled back.
 * Each test places its tenants on clusters of its own, so that the counts it reads are its own.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class TenantMoveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTERS = "/api/database/clusters";
    private static final List<String> CLINIC_SERVICES = List.of("invoicing", "branding", "dental");
    private static ServiceReports reports;

    @BeforeAll
    static void connect() {
        reports = new ServiceReports();
    }

    @AfterAll
    static void disconnect() {
        reports.close();
    }

    @Test
    void aMoveIsFollowedFromTheServicesReportsUntilEveryOneHasSwitched() throws Exception {
        String admin = Api.adminToken();
        String from = cluster(admin, 5);
        String to = cluster(admin, 5);
        String slug = activeClinicOn(admin, from);
        int versionBefore = as(admin).get("/api/tenants/" + slug).then().extract().path("data.version");

        long moveVersion = ((Number) as(admin).body(Map.of("to_cluster", to)).post("/api/tenants/" + slug + "/move").then()
                .statusCode(202)
                .body("data.state", is("moving")).body("data.from_cluster", is(from)).body("data.to_cluster", is(to))
                .body("data.placement_version", is(1)).body("data.tenant_version", is(versionBefore + 1))
                .body("data.services.keySet()", containsInAnyOrder(CLINIC_SERVICES.toArray()))
                .body("data.services.dental.state", is("moving"))
                .extract().path("data.tenant_version")).longValue();

        // The services learn of it from the snapshot: placed on the target, placement version one up.
        try (TopicReader reader = new TopicReader(Topics.TENANTS)) {
            ConsumerRecord<String, String> snapshot = reader.await(r -> slug.equals(r.key())
                    && version(r) == moveVersion, 1, Duration.ofSeconds(30)).get(0);
            JsonNode placement = JSON.readTree(snapshot.value()).get("placement");
            assertEquals(to, placement.get("cluster").asText());
            assertEquals(1, placement.get("version").asLong());
            assertEquals("active", JSON.readTree(snapshot.value()).get("status").asText());
        }
        // Until it ends, the tenant holds a place on both clusters.
        as(admin).get(CLUSTERS + "/" + from).then().body("data.tenants", is(1));
        as(admin).get(CLUSTERS + "/" + to).then().body("data.tenants", is(1));

        reports.send(slug, "invoicing", "COPYING", moveVersion, from, "copying 14 tables");
        eventually(() -> as(admin).get("/api/tenants/" + slug).then()
                .body("data.move.services.invoicing.state", is("copying"))
                .body("data.move.services.invoicing.detail", is("copying 14 tables"))
                .body("data.provisioning.invoicing.status", is("copying")));
        // Served all the time: the progress leaves the tenant active.
        as(admin).get("/api/tenants/" + slug).then().body("data.status", is("active")).body("data.move.state", is("moving"));

        reports.send(slug, "invoicing", "CATCHING_UP", moveVersion, from, null);
        reports.send(slug, "invoicing", "PROVISIONED", moveVersion, to, null);
        // A late report about the snapshot before the move says nothing about the move.
        reports.send(slug, "dental", "PROVISIONED", moveVersion - 1, to, null);
        reports.send(slug, "branding", "PROVISIONED", moveVersion, to, null);
        eventually(() -> as(admin).get("/api/tenants/" + slug).then().body("data.move.services.branding.state", is("switched")));
        as(admin).get("/api/tenants/" + slug).then()
                .body("data.move.state", is("moving"))
                .body("data.move.services.invoicing.state", is("switched"))
                .body("data.move.services.dental.state", is("moving"))
                .body("data.move.finished_at", nullValue());

        reports.send(slug, "dental", "PROVISIONED", moveVersion, to, null);
        eventually(() -> as(admin).get("/api/tenants/" + slug).then()
                .body("data.move.state", is("switched"))
                .body("data.move.finished_at", notNullValue())
                .body("data.move.error", nullValue()));
        as(admin).get("/api/tenants/" + slug).then().body("data.status", is("active"))
                .body("data.placement.cluster", is(to)).body("data.provisioning.dental.cluster", is(to));
        as(admin).get(CLUSTERS + "/" + from).then().body("data.tenants", is(0));
        as(admin).get(CLUSTERS + "/" + to).then().body("data.tenants", is(1));
        as(admin).get("/api/tenants/" + slug + "/moves").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].state", is("switched")).body("data[0].to_cluster", is(to));
    }

    @Test
    void aServiceThatFailsToMovePlacesTheTenantBackAndTheOthersFollow() throws Exception {
        String admin = Api.adminToken();
        String from = cluster(admin, 5);
        String to = cluster(admin, 5);
        String slug = activeClinicOn(admin, from);
        long moveVersion = startMove(admin, slug, to);

        reports.send(slug, "invoicing", "PROVISIONED", moveVersion, to, null);
        reports.send(slug, "dental", "FAILED", moveVersion, from, "copy failed: disk full on second; rolled back");
        eventually(() -> as(admin).get("/api/tenants/" + slug).then()
                .body("data.move.state", is("failed"))
                .body("data.move.error", allOf(containsString("dental"), containsString("disk full"), containsString(from)))
                .body("data.move.finished_at", notNullValue())
                .body("data.move.services.invoicing.state", is("switched"))
                .body("data.move.services.dental.state", is("failed")));
        as(admin).get("/api/tenants/" + slug).then().body("data.status", is("active"))
                .body("data.placement.cluster", is(from)).body("data.placement.version", is(2));
        long backVersion = ((Number) as(admin).get("/api/tenants/" + slug).then().extract().path("data.version")).longValue();
        try (TopicReader reader = new TopicReader(Topics.TENANTS)) {
            ConsumerRecord<String, String> back = reader.await(r -> slug.equals(r.key()) && version(r) == backVersion, 1,
                    Duration.ofSeconds(30)).get(0);
            JsonNode placement = JSON.readTree(back.value()).get("placement");
            assertEquals(from, placement.get("cluster").asText());
            assertEquals(2, placement.get("version").asLong());
        }
        as(admin).get(CLUSTERS + "/" + to).then().body("data.tenants", is(0));
        as(admin).get(CLUSTERS + "/" + from).then().body("data.tenants", is(1));

        // Invoicing, switched already, moves back as it moved; until it serves from the source again, no new move.
        as(admin).body(Map.of("to_cluster", to)).post("/api/tenants/" + slug + "/move").then().statusCode(409)
                .body("error.code", is("TENANT_MOVING")).body("message", containsString("invoicing"));
        reports.send(slug, "invoicing", "COPYING", backVersion, to, "copying back");
        eventually(() -> as(admin).get("/api/tenants/" + slug).then().body("data.provisioning.invoicing.status", is("copying")));
        as(admin).body(Map.of("to_cluster", to)).post("/api/tenants/" + slug + "/move").then().statusCode(409)
                .body("error.code", is("TENANT_MOVING"));
        reports.send(slug, "invoicing", "PROVISIONED", backVersion, from, null);
        reports.send(slug, "dental", "PROVISIONED", backVersion, from, null);
        eventually(() -> as(admin).get("/api/tenants/" + slug).then().body("data.provisioning.invoicing.cluster", is(from))
                .body("data.provisioning.dental.status", is("provisioned")));
        // The failed move stays as it ended; a new one starts.
        as(admin).body(Map.of("to_cluster", to)).post("/api/tenants/" + slug + "/move").then().statusCode(202)
                .body("data.placement_version", is(3));
        as(admin).get("/api/tenants/" + slug + "/moves").then().statusCode(200)
                .body("data.state", contains("moving", "failed"))
                .body("data[1].services.dental.detail", containsString("disk full"));
    }

    @Test
    void wrongMoveRequestsAreRefusedWithTheReason() {
        String admin = Api.adminToken();
        String from = cluster(admin, 5);
        String slug = activeClinicOn(admin, from);
        String move = "/api/tenants/" + slug + "/move";

        as(admin).post(move).then().statusCode(400).body("error.code", is("MISSING_BODY"));
        as(admin).body(Map.of()).post(move).then().statusCode(400)
                .body("error.code", is("VALIDATION_ERROR")).body("error.details[0].field", is("to_cluster"));
        as(admin).body(Map.of("to_cluster", "eu-west")).post(move).then().statusCode(400).body("error.details[0].field", is("to_cluster"));
        as(admin).body(Map.of("to_cluster", "nosuchcluster")).post(move).then().statusCode(400)
                .body("error.details[0].field", is("to_cluster")).body("error.details[0].message", containsString("not a registered"));
        as(admin).body(Map.of("to_cluster", from)).post(move).then().statusCode(409).body("error.code", is("ALREADY_ON_CLUSTER"));
        as(admin).body(Map.of("to_cluster", "second")).post("/api/tenants/" + Api.slug("nobody") + "/move").then().statusCode(404);

        String draining = cluster(admin, 5);
        as(admin).body(Map.of("state", "draining")).put(CLUSTERS + "/" + draining).then().statusCode(200);
        as(admin).body(Map.of("to_cluster", draining)).post(move).then().statusCode(409).body("error.code", is("CLUSTER_NOT_OPEN"));
        String full = cluster(admin, 1);
        activeClinicOn(admin, full);
        as(admin).body(Map.of("to_cluster", full)).post(move).then().statusCode(409)
                .body("error.code", is("CLUSTER_NOT_OPEN")).body("message", containsString("full"));

        String provisioning = Api.slug("unready");
        as(admin).body(clinicOn(provisioning, from)).post("/api/tenants").then().statusCode(201);
        as(admin).body(Map.of("to_cluster", "second")).post("/api/tenants/" + provisioning + "/move").then().statusCode(409)
                .body("error.code", is("TENANT_NOT_ACTIVE"));
        as(admin).post("/api/tenants/" + slug + "/suspend").then().statusCode(200);
        as(admin).body(Map.of("to_cluster", "second")).post(move).then().statusCode(409).body("error.code", is("TENANT_NOT_ACTIVE"));
        as(admin).post("/api/tenants/" + slug + "/reactivate").then().statusCode(200);

        as(admin).body(Map.of("to_cluster", cluster(admin, 5))).post(move).then().statusCode(202);
        as(admin).body(Map.of("to_cluster", from)).post(move).then().statusCode(409).body("error.code", is("TENANT_MOVING"));

        String gone = activeClinicOn(admin, from);
        as(admin).delete("/api/tenants/" + gone).then().statusCode(200);
        as(admin).body(Map.of("to_cluster", "second")).post("/api/tenants/" + gone + "/move").then().statusCode(404)
                .body("error.code", is("TENANT_DELETED"));
    }

    @Test
    void twoMovesAskedAtOnceStartOne() {
        String admin = Api.adminToken();
        String slug = activeClinicOn(admin, cluster(admin, 5));
        String to = cluster(admin, 5);
        List<Response> answers = Api.atOnce(2, () -> as(admin).body(Map.of("to_cluster", to)).post("/api/tenants/" + slug + "/move"));
        List<Integer> statuses = answers.stream().map(Response::statusCode).sorted().toList();
        assertEquals(List.of(202, 409), statuses, answers.stream().map(Response::asString).toList().toString());
        as(admin).get("/api/tenants/" + slug + "/moves").then().body("data", hasSize(1));
    }

    @Test
    void aClusterKeepsTheMovingTenantsPlaceUntilTheMoveEnds() {
        String admin = Api.adminToken();
        String from = cluster(admin, 1);
        String to = cluster(admin, 5);
        String slug = activeClinicOn(admin, from);
        long moveVersion = startMove(admin, slug, to);

        // A failed move places the tenant back here: its place is not given to another meanwhile.
        as(admin).body(clinicOn(Api.slug("squatter"), from)).post("/api/tenants").then().statusCode(409)
                .body("error.code", is("CLUSTER_NOT_OPEN"));
        CLINIC_SERVICES.forEach(service -> reports.send(slug, service, "PROVISIONED", moveVersion, to, null));
        eventually(() -> as(admin).get("/api/tenants/" + slug).then().body("data.move.state", is("switched")));
        as(admin).body(clinicOn(Api.slug("newcomer"), from)).post("/api/tenants").then().statusCode(201);
    }

    @Test
    void onlyPlatformAdminsMoveTenantsOrListTheirMoves() {
        String admin = Api.adminToken();
        String slug = activeClinicOn(admin, cluster(admin, 5));
        String other = activeClinicOn(admin, cluster(admin, 5));
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        String otherAdmin = Api.tenantAdmin(admin, other);
        Map<String, String> body = Map.of("to_cluster", "second");

        as(tenantAdmin).body(body).post("/api/tenants/" + slug + "/move").then().statusCode(403);
        as(tenantAdmin).header("X-Tenant-ID", slug).body(body).post("/api/tenants/" + slug + "/move").then().statusCode(403);
        as(otherAdmin).body(body).post("/api/tenants/" + slug + "/move").then().statusCode(403);
        as(otherAdmin).header("X-Tenant-ID", other).body(body).post("/api/tenants/" + slug + "/move").then().statusCode(403);
        given().contentType("application/json").body(body).post("/api/tenants/" + slug + "/move").then().statusCode(401);
        as(tenantAdmin).get("/api/tenants/" + slug + "/moves").then().statusCode(403);
        as(otherAdmin).header("X-Tenant-ID", other).get("/api/tenants/" + slug + "/moves").then().statusCode(403);
        // Its members see the latest move on the tenant itself (none yet: null); another tenant's admin sees nothing.
        as(tenantAdmin).get("/api/tenants/" + slug).then().statusCode(200).body("data", hasKey("move")).body("data.move", nullValue());
        as(otherAdmin).get("/api/tenants/" + slug).then().statusCode(403);
        as(admin).get("/api/tenants/" + slug).then().body("data.placement.version", is(0));
    }

    /** Moves the tenant to {@code to} (202); the version of the snapshot that places it there. */
    private static long startMove(String admin, String slug, String to) {
        return ((Number) as(admin).body(Map.of("to_cluster", to)).post("/api/tenants/" + slug + "/move").then()
                .statusCode(202).extract().path("data.tenant_version")).longValue();
    }

    /** A dental clinic on {@code cluster}, made active by its three services' reports. */
    private static String activeClinicOn(String admin, String cluster) {
        String slug = Api.slug("mover");
        as(admin).body(clinicOn(slug, cluster)).post("/api/tenants").then().statusCode(201);
        CLINIC_SERVICES.forEach(service -> reports.send(slug, service, "PROVISIONED", 0, cluster, null));
        eventually(() -> as(admin).get("/api/tenants/" + slug).then().body("data.status", is("active")));
        return slug;
    }

    private static Map<String, Object> clinicOn(String slug, String cluster) {
        Map<String, Object> body = Api.dentalClinic(slug);
        body.put("cluster", cluster);
        return body;
    }

    /** A cluster of this test's own, open, with room for {@code capacity} tenants. */
    private static String cluster(String admin, int capacity) {
        String name = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        as(admin).body(Map.of("name", name, "capacity", capacity)).post(CLUSTERS).then().statusCode(201);
        return name;
    }

    private static long version(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("version").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(Runnable check) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(check::run);
    }
}
