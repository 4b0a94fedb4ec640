package io.ipsc.manufacturing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.MetricsScrape;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manufacturing API against a real tenant database and Kafka: the seed's examples, the rules, isolation and gating. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class ManufacturingApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED_ADMIN = 41;
    private static final long ADMIN = 42;
    private static final long VIEWER = 43;
    private static final long OTHER_ADMIN = 44;
    private static final long DENTAL_ADMIN = 45;
    private static final long STAFF = 46;

    private static TenantEventsPublisher events;
    private static String seedTenant;
    private static String tenant;
    private static String otherTenant;
    private static String dentalTenant;
    private static String usageTenant;
    private static String metricsTenant;

    @BeforeAll
    static void provisionTenants() {
        events = new TenantEventsPublisher();
        Snapshot seed = TenantEventsPublisher.snapshot(slug("precision-mfg"), "manufacturing").member(SEED_ADMIN, "admin");
        Snapshot main = TenantEventsPublisher.snapshot(slug("mfg"), "manufacturing").member(ADMIN, "admin").member(VIEWER, "viewer");
        Snapshot other = TenantEventsPublisher.snapshot(slug("mfg-other"), "manufacturing").member(OTHER_ADMIN, "admin");
        Snapshot dental = TenantEventsPublisher.snapshot(slug("smile-dental"), "dental_clinic").member(DENTAL_ADMIN, "admin");
        Snapshot usage = TenantEventsPublisher.snapshot(slug("mfg-usage"), "manufacturing").member(ADMIN, "admin").member(STAFF, "staff")
                .member(VIEWER, "viewer");
        Snapshot metrics = TenantEventsPublisher.snapshot(slug("mfg-metrics"), "manufacturing").member(ADMIN, "admin");
        for (Snapshot snapshot : List.of(seed, main, other, dental, usage, metrics)) {
            events.publish(snapshot);
        }
        for (Snapshot snapshot : List.of(seed, main, other, usage, metrics)) {
            TenantEventsPublisher.awaitReport(snapshot.slug(), "manufacturing", "PROVISIONED", snapshot.version(), WAIT);
        }
        seedTenant = seed.slug();
        tenant = main.slug();
        otherTenant = other.slug();
        dentalTenant = dental.slug();
        usageTenant = usage.slug();
        metricsTenant = metrics.slug();
    }

    @AfterAll
    static void closePublisher() {
        events.close();
    }

    @Test
    void theSeedExamplesSucceedAsWritten() {
        as(SEED_ADMIN, seedTenant).body("""
                {"name": "Assembly Line 1", "description": "Main assembly line", "capacity": 100, "efficiency": 0.95}""")
                .post("/api/work-centers").then().statusCode(201)
                .body("success", is(true))
                .body("data.id", is(1))
                .body("data.name", is("Assembly Line 1"))
                .body("data.capacity", is(100.0f))
                .body("data.efficiency", is(0.95f));
        as(SEED_ADMIN, seedTenant).body("""
                {"bom_id": "BOM-001", "product_id": 1, "description": "Main Assembly BOM", "version": "1.0"}""")
                .post("/api/boms").then().statusCode(201)
                .body("data.id", is(1))
                .body("data.bom_id", is("BOM-001"))
                .body("data.is_default", is(true))
                .body("data.components.size()", is(0));
        as(SEED_ADMIN, seedTenant).get("/api/boms").then().statusCode(200)
                .body("data.total_items", is(1)).body("data.items[0].bom_id", is("BOM-001"));
        as(SEED_ADMIN, seedTenant).body("""
                {"order_number": "PO-001", "bom_id": 1, "quantity": 100, "start_date": "2024-01-15", "due_date": "2024-01-20"}""")
                .post("/api/production-orders").then().statusCode(201)
                .body("data.order_number", is("PO-001"))
                .body("data.status", is("planned"))
                .body("data.product_id", is(1))
                .body("data.start_date", is("2024-01-15"));
        as(SEED_ADMIN, seedTenant).get("/api/production-orders").then().statusCode(200)
                .body("data.total_items", is(1)).body("data.items[0].order_number", is("PO-001"));
        as(SEED_ADMIN, seedTenant).get("/api/work-centers").then().statusCode(200).body("data.items[0].name", is("Assembly Line 1"));
    }

    @Test
    void invalidRequestsAre400sNamingTheFields() {
        as(ADMIN, tenant).body("{}").post("/api/work-centers").then().statusCode(400)
                .body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItems("name", "capacity", "efficiency"));
        as(ADMIN, tenant).body("""
                {"name": "Too good", "capacity": 8, "efficiency": 1.5}""").post("/api/work-centers").then().statusCode(400)
                .body("error.details.field", hasItems("efficiency"));
        as(ADMIN, tenant).body("""
                {"bom_id": "B-1", "version": "1.0"}""").post("/api/boms").then().statusCode(400)
                .body("error.details.field", hasItems("product_id"));
        as(ADMIN, tenant).body("""
                {"bom_id": "B-1", "product_id": 1, "version": "1.0", "colour": "red"}""").post("/api/boms").then().statusCode(400)
                .body("error.code", is("UNKNOWN_FIELD"));
        long bom = createBom(tenant, "VAL-1", 901);
        as(ADMIN, tenant).body(Map.of("order_number", "PO-BAD", "bom_id", bom, "quantity", 5,
                        "start_date", "2024-01-20", "due_date", "2024-01-15"))
                .post("/api/production-orders").then().statusCode(400)
                .body("error.details.field", hasItems("due_date"));
        as(ADMIN, tenant).body(Map.of("product_id", 5, "quantity_per_unit", 0, "scrap_percent", 100))
                .post("/api/boms/" + bom + "/components").then().statusCode(400)
                .body("error.details.field", hasItems("quantity_per_unit", "scrap_percent"));
        as(ADMIN, tenant).body(Map.of("order_number", "PO-NOBOM", "bom_id", 999999, "quantity", 5,
                        "start_date", "2024-01-15", "due_date", "2024-01-20"))
                .post("/api/production-orders").then().statusCode(422).body("error.code", is("UNKNOWN_BOM"));
        as(VIEWER, tenant).body(Map.of("name", "Viewer's", "capacity", 8, "efficiency", 1))
                .post("/api/work-centers").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
    }

    @Test
    void illegalTransitionsAre409s() {
        long bom = createBom(tenant, "TR-1", 911);
        long order = createOrder(tenant, "PO-TR-1", bom, 10);
        transition(order, "complete").statusCode(409).body("error.code", is("ILLEGAL_TRANSITION"));
        transition(order, "start").statusCode(409);
        transition(order, "release").statusCode(200).body("data.status", is("released")).body("data.bom_version", is("1.0"));
        transition(order, "release").statusCode(409);
        transition(order, "cancel").statusCode(200).body("data.status", is("cancelled"));
        transition(order, "start").statusCode(409).body("message", containsString("cancelled"));
        as(ADMIN, tenant).post("/api/production-orders/999999/release").then().statusCode(404);
    }

    @Test
    void aComponentThatWouldCloseACycleIs422NamingIt() {
        long top = createBom(tenant, "CY-10", 10_010);
        long middle = createBom(tenant, "CY-20", 10_020);
        long bottom = createBom(tenant, "CY-30", 10_030);
        addComponent(top, 10_020, "1", "0", "0").statusCode(201);
        addComponent(middle, 10_030, "1", "0", "0").statusCode(201).body("data.components[0].sub_assembly", is(true));
        addComponent(bottom, 10_010, "1", "0", "0").statusCode(422)
                .body("error.code", is("BOM_CYCLE"))
                .body("message", containsString("product 10030 → product 10010 → product 10020 → product 10030"));
        addComponent(top, 10_010, "1", "0", "0").statusCode(422).body("error.code", is("BOM_CYCLE"));
        as(ADMIN, tenant).get("/api/boms/" + bottom).then().statusCode(200).body("data.components.size()", is(0));
    }

    @Test
    void explosionCostSchedulingAndLoadThroughTheApi() {
        long center = createWorkCenter(tenant, "Press " + UUID.randomUUID(), "8", "0.8", "60");
        long top = createBom(tenant, "EX-100", 20_100);
        long sub = createBom(tenant, "EX-200", 20_200);
        long low = createBom(tenant, "EX-400", 20_400);
        addComponent(top, 20_200, "2", "10", "0").statusCode(201);
        addComponent(top, 20_300, "1", "0", "5").statusCode(201);
        addComponent(sub, 20_400, "3", "0", "0").statusCode(201);
        addComponent(sub, 20_300, "0.5", "20", "5").statusCode(201);
        addComponent(low, 20_500, "4", "5", "2").statusCode(201);
        as(ADMIN, tenant).body(Map.of("sequence", 10, "name", "Pressing", "work_center_id", center, "setup_minutes", 30, "minutes_per_unit", 12))
                .post("/api/boms/" + top + "/operations").then().statusCode(201).body("data.operations[0].work_center_id", is((int) center));

        as(ADMIN, tenant).get("/api/boms/" + top + "/explode?quantity=10").then().statusCode(200)
                .body("data.materials.product_id", is(List.of(20_300, 20_500)))
                .body("data.materials[0].quantity", is(23.2f))
                .body("data.materials[1].quantity", is(277.2f));
        as(ADMIN, tenant).get("/api/boms/" + top + "/cost?quantity=10").then().statusCode(200)
                .body("data.material_cost", is(67.04f))
                .body("data.operation_cost", is(18.0f))
                .body("data.total_cost", is(85.04f));
        as(ADMIN, tenant).get("/api/boms/" + top + "/explode?quantity=-1").then().statusCode(400).body("error.details[0].field", is("quantity"));

        // 30 + 40 × 12 / 0.8 = 630 minutes on an 8-hour day: 480 on the first day, 150 on the second.
        long order = createOrder(tenant, "PO-EX-1", top, 40);
        transition(order, "release").statusCode(200)
                .body("data.materials.size()", is(2))
                .body("data.operations[0].duration_minutes", is(630.0f))
                .body("data.operations[0].planned_start", is("2024-01-15"))
                .body("data.operations[0].planned_end", is("2024-01-16"));
        as(ADMIN, tenant).get("/api/work-centers/" + center + "/load?from=2024-01-15&to=2024-01-17").then().statusCode(200)
                .body("data.days.size()", is(3))
                .body("data.days[0].scheduled_hours", is(8.0f))
                .body("data.days[0].utilization", is(100.0f))
                .body("data.days[1].scheduled_hours", is(2.5f))
                .body("data.days[2].scheduled_hours", is(0.0f));

        // A new default version of the BOM leaves the released order as it was fixed.
        as(ADMIN, tenant).body(Map.of("bom_id", "EX-100", "product_id", 20_100, "version", "1.0"))
                .post("/api/boms").then().statusCode(409).body("error.code", is("DUPLICATE"));
        as(ADMIN, tenant).body(Map.of("bom_id", "EX-100", "product_id", 20_100, "version", "2.0"))
                .post("/api/boms").then().statusCode(201).body("data.is_default", is(true));
        as(ADMIN, tenant).get("/api/boms/" + top).then().statusCode(200).body("data.is_default", is(false));
        as(ADMIN, tenant).get("/api/production-orders/" + order).then().statusCode(200)
                .body("data.bom_version", is("1.0"))
                .body("data.materials.product_id", is(List.of(20_300, 20_500)))
                .body("data.materials[0].quantity", is(92.8f))
                .body("data.materials[1].quantity", is(1108.8f));
    }

    @Test
    void completingPublishesEachStockMovementOnceEvenWhenCalledTwice() throws Exception {
        long top = createBom(tenant, "ST-1", 30_100);
        addComponent(top, 30_200, "2", "0", "1").statusCode(201);
        addComponent(top, 30_300, "0.5", "0", "3").statusCode(201);
        long order = createOrder(tenant, "PO-ST-1", top, 10);
        transition(order, "release").statusCode(200);
        transition(order, "start").statusCode(200).body("data.status", is("in_progress"));

        // A failed inspection holds the order until a manager decides on the lot.
        long inspection = as(ADMIN, tenant).body(Map.of("sample_size", 5, "passed", 4, "failed", 1, "defect_codes", List.of("SCRATCH"),
                        "readings", List.of(Map.of("name", "length", "value", 10.4, "min", 9.5, "max", 10.5))))
                .post("/api/production-orders/" + order + "/inspections").then().statusCode(201)
                .body("data.result", is("failed")).body("data.readings[0].within_limits", is(true))
                .extract().jsonPath().getLong("data.id");
        as(ADMIN, tenant).body(Map.of("good_quantity", 8, "rejected_quantity", 2))
                .post("/api/production-orders/" + order + "/complete").then().statusCode(409).body("error.code", is("QUALITY_HOLD"));
        as(ADMIN, tenant).body(Map.of("decision", "accept"))
                .post("/api/production-orders/" + order + "/inspections/" + inspection + "/decision").then().statusCode(200)
                .body("data.decision", is("accept"));

        as(ADMIN, tenant).body(Map.of("good_quantity", 8, "rejected_quantity", 2))
                .post("/api/production-orders/" + order + "/complete").then().statusCode(200)
                .body("data.status", is("completed")).body("data.good_quantity", is(8.0f));
        as(ADMIN, tenant).body(Map.of("good_quantity", 8, "rejected_quantity", 2))
                .post("/api/production-orders/" + order + "/complete").then().statusCode(409).body("error.code", is("ILLEGAL_TRANSITION"));

        String prefix = "mfg:order:" + order + ":";
        try (TopicReader reader = new TopicReader(Topics.STOCK)) {
            List<ConsumerRecord<String, String>> found = reader.await(r -> tenant.equals(r.key()) && movementId(r).startsWith(prefix), 4,
                    Duration.ofSeconds(8));
            Map<String, JsonNode> byId = found.stream().collect(Collectors.toMap(ManufacturingApiTest::movementId, ManufacturingApiTest::json));
            assertEquals(3, found.size(), "each movement exactly once: " + found);
            assertEquals(Set.of(prefix + "consume:30200", prefix + "consume:30300", prefix + "produce"), byId.keySet());
            assertEquals(0, new BigDecimal("-20.0000").compareTo(byId.get(prefix + "consume:30200").get("quantity").decimalValue()));
            assertEquals(0, new BigDecimal("-5.0000").compareTo(byId.get(prefix + "consume:30300").get("quantity").decimalValue()));
            JsonNode produced = byId.get(prefix + "produce");
            assertEquals(30_100, produced.get("product_id").asLong());
            assertEquals(0, new BigDecimal("8").compareTo(produced.get("quantity").decimalValue()));
            assertEquals("production_output", produced.get("reason").asText());
            assertEquals(tenant, produced.get("tenant").asText());
            assertEquals("PO-ST-1", produced.get("reference").asText());
            assertEquals("production_consumption", byId.get(prefix + "consume:30200").get("reason").asText());
        }
    }

    @Test
    void aBomsComponentsAndOperationsAreChangedAndRemovedReleasedOrdersKeepWhatWasFixed() {
        long lathe = createWorkCenter(tenant, "Lathe " + UUID.randomUUID(), "8", "1", "60");
        long mill = createWorkCenter(tenant, "Mill " + UUID.randomUUID(), "8", "1", "120");
        long top = createBom(tenant, "ED-100", 70_100);
        long sub = createBom(tenant, "ED-200", 70_200);
        addComponent(top, 70_200, "1", "0", "0").statusCode(201);
        long rod = addComponent(top, 70_300, "2", "0", "10").statusCode(201).extract().jsonPath().getLong("data.components[1].id");
        long wire = addComponent(sub, 70_400, "1", "0", "1").statusCode(201).extract().jsonPath().getLong("data.components[0].id");
        long turning = as(ADMIN, tenant).body(Map.of("sequence", 10, "name", "Turning", "work_center_id", lathe, "minutes_per_unit", 6))
                .post("/api/boms/" + top + "/operations").then().statusCode(201).extract().jsonPath().getLong("data.operations[0].id");
        as(ADMIN, tenant).body(Map.of("sequence", 20, "name", "Milling", "work_center_id", lathe, "minutes_per_unit", 3))
                .post("/api/boms/" + top + "/operations").then().statusCode(201);
        long order = createOrder(tenant, "PO-ED-1", top, 10);
        transition(order, "release").statusCode(200).body("data.materials.find { it.product_id == 70300 }.quantity", is(20.0f));

        // 3 rods with 10% scrap at ₹12: the explosion and the cost follow at once.
        as(ADMIN, tenant).body(Map.of("product_id", 70_300, "quantity_per_unit", 3, "scrap_percent", 10, "unit_cost", 12))
                .put("/api/boms/" + top + "/components/" + rod).then().statusCode(200)
                .body("success", is(true))
                .body("data.components.find { it.id == " + rod + " }.quantity_per_unit", is(3.0f))
                .body("data.components.find { it.id == " + rod + " }.scrap_percent", is(10.0f));
        as(ADMIN, tenant).get("/api/boms/" + top + "/explode?quantity=10").then().statusCode(200)
                .body("data.materials.find { it.product_id == 70300 }.quantity", is(33.0f))
                .body("data.materials.find { it.product_id == 70300 }.unit_cost", is(12.0f));
        // The released order keeps the requirement fixed at its release.
        as(ADMIN, tenant).get("/api/production-orders/" + order).then().statusCode(200)
                .body("data.materials.find { it.product_id == 70300 }.quantity", is(20.0f));

        // Bad input: 400 naming the fields, in the envelope; a component or BOM that is not there, 404.
        as(ADMIN, tenant).body(Map.of("product_id", 70_300, "quantity_per_unit", 0, "scrap_percent", 100))
                .put("/api/boms/" + top + "/components/" + rod).then().statusCode(400)
                .body("success", is(false)).body("data", nullValue()).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItems("quantity_per_unit", "scrap_percent"));
        as(ADMIN, tenant).body(Map.of("product_id", 70_300, "quantity_per_unit", 1))
                .put("/api/boms/" + top + "/components/999999").then().statusCode(404).body("error.code", is("NOT_FOUND"));
        as(ADMIN, tenant).body(Map.of("product_id", 70_300, "quantity_per_unit", 1))
                .put("/api/boms/999999/components/" + rod).then().statusCode(404);
        // Turning the sub-assembly's wire into the top product would make it contain itself.
        as(ADMIN, tenant).body(Map.of("product_id", 70_100, "quantity_per_unit", 1))
                .put("/api/boms/" + sub + "/components/" + wire).then().statusCode(422)
                .body("error.code", is("BOM_CYCLE"))
                .body("message", containsString("product 70200 → product 70100 → product 70200"))
                .body("error.details[0].field", is("product_id"));
        // Another component's product twice in one BOM: 409.
        as(ADMIN, tenant).body(Map.of("product_id", 70_200, "quantity_per_unit", 1))
                .put("/api/boms/" + top + "/components/" + rod).then().statusCode(409).body("error.code", is("DUPLICATE"));

        as(ADMIN, tenant).body(Map.of("sequence", 15, "name", "Fine turning", "work_center_id", mill, "setup_minutes", 5, "minutes_per_unit", 4))
                .put("/api/boms/" + top + "/operations/" + turning).then().statusCode(200)
                .body("data.operations[0].sequence", is(15))
                .body("data.operations[0].name", is("Fine turning"))
                .body("data.operations[0].work_center_id", is((int) mill));
        as(ADMIN, tenant).body(Map.of("sequence", 20, "name", "Fine turning", "work_center_id", mill, "minutes_per_unit", 4))
                .put("/api/boms/" + top + "/operations/" + turning).then().statusCode(409).body("error.code", is("DUPLICATE"));
        as(ADMIN, tenant).body(Map.of("sequence", 15, "name", "Fine turning", "work_center_id", 999_999, "minutes_per_unit", 4))
                .put("/api/boms/" + top + "/operations/" + turning).then().statusCode(422).body("error.code", is("UNKNOWN_WORK_CENTER"))
                .body("error.details[0].field", is("work_center_id"));
        as(ADMIN, tenant).body(Map.of("sequence", 0, "name", " ", "minutes_per_unit", -1))
                .put("/api/boms/" + top + "/operations/" + turning).then().statusCode(400)
                .body("error.details.field", hasItems("sequence", "name", "work_center_id", "minutes_per_unit"));
        as(ADMIN, tenant).body(Map.of("sequence", 15, "name", "Fine turning", "work_center_id", mill, "minutes_per_unit", 4))
                .put("/api/boms/" + top + "/operations/999999").then().statusCode(404);

        // A viewer, another tenant's admin naming this tenant, and a token claiming this tenant for a non-member: refused, nothing changed.
        as(VIEWER, tenant).body(Map.of("product_id", 70_300, "quantity_per_unit", 9))
                .put("/api/boms/" + top + "/components/" + rod).then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        as(OTHER_ADMIN, tenant).body(Map.of("product_id", 70_300, "quantity_per_unit", 9))
                .put("/api/boms/" + top + "/components/" + rod).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(OTHER_ADMIN, Map.of(tenant, "admin")))
                .header("X-Tenant-ID", tenant).contentType(ContentType.JSON)
                .body(Map.of("sequence", 15, "name", "Forged", "work_center_id", mill, "minutes_per_unit", 4))
                .put("/api/boms/" + top + "/operations/" + turning).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        as(OTHER_ADMIN, otherTenant).body(Map.of("product_id", 70_300, "quantity_per_unit", 9))
                .put("/api/boms/" + top + "/components/" + rod).then().statusCode(404);
        as(ADMIN, tenant).get("/api/boms/" + top).then().statusCode(200)
                .body("data.components.find { it.id == " + rod + " }.quantity_per_unit", is(3.0f))
                .body("data.operations[0].name", is("Fine turning"));

        // Removing: the operation and the component go; a work center still used is 409, an unused one goes.
        as(ADMIN, tenant).delete("/api/boms/" + top + "/operations/" + turning).then().statusCode(200);
        as(ADMIN, tenant).delete("/api/boms/" + top + "/components/" + rod).then().statusCode(200);
        as(ADMIN, tenant).get("/api/boms/" + top).then().statusCode(200)
                .body("data.operations.name", is(List.of("Milling")))
                .body("data.components.product_id", is(List.of(70_200)));
        as(ADMIN, tenant).delete("/api/work-centers/" + lathe).then().statusCode(409).body("error.code", is("IN_USE"))
                .body("message", containsString("cannot be deleted"));
        as(ADMIN, tenant).delete("/api/work-centers/" + mill).then().statusCode(200);
    }

    @Test
    void anotherTenantsMemberIsRefusedAndSeesNothing() {
        long bom = createBom(tenant, "ISO-1", 40_100);
        given().header("Authorization", "Bearer " + TestTokens.get().member(OTHER_ADMIN, Map.of()))
                .header("X-Tenant-ID", tenant).get("/api/boms/" + bom).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(OTHER_ADMIN, Map.of()))
                .header("X-Tenant-ID", tenant).contentType(ContentType.JSON).body(Map.of("name", "Intruder", "capacity", 1, "efficiency", 1))
                .post("/api/work-centers").then().statusCode(403);
        as(OTHER_ADMIN, otherTenant).get("/api/boms").then().statusCode(200).body("data.total_items", is(0));
        as(OTHER_ADMIN, otherTenant).get("/api/production-orders").then().statusCode(200).body("data.total_items", is(0));
        as(OTHER_ADMIN, otherTenant).get("/api/boms/" + bom).then().statusCode(404);
    }

    @Test
    void aDentalTenantIsRefusedOnEveryManufacturingRoute() throws Exception {
        await().atMost(WAIT).until(() -> as(DENTAL_ADMIN, dentalTenant).get("/api/boms").then().extract().statusCode() == 403);
        for (String path : List.of("/api/boms", "/api/work-centers", "/api/production-orders", "/api/boms/1/explode",
                "/api/work-centers/1/load", "/api/production-orders/1/inspections")) {
            as(DENTAL_ADMIN, dentalTenant).get(path).then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        }
        as(DENTAL_ADMIN, dentalTenant).body(Map.of("name", "Chair", "capacity", 8, "efficiency", 1))
                .post("/api/work-centers").then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        as(DENTAL_ADMIN, dentalTenant).post("/api/production-orders/1/complete").then().statusCode(403);
    }

    @Test
    void usageCountsTheTenantsBomsWorkCentersAndThisMonthsOrdersForItsAdminsOnly() {
        long gear = createBom(usageTenant, "USE-GEAR", 50_100);
        createBom(usageTenant, "USE-SHAFT", 50_200);
        createWorkCenter(usageTenant, "Usage Lathe", "8", "0.9", "400");
        // Orders count in the month they are entered, whatever dates they are planned for.
        createOrder(usageTenant, "PO-USE-1", gear, 10);
        long cancelled = createOrder(usageTenant, "PO-USE-2", gear, 5);
        as(ADMIN, usageTenant).post("/api/production-orders/" + cancelled + "/cancel").then().statusCode(200);

        String month = YearMonth.now(ZoneId.of("Asia/Kolkata")).toString();
        as(ADMIN, usageTenant).get("/api/usage").then().statusCode(200)
                .body("success", is(true))
                .body("data.boms", is(2)).body("data.work_centers", is(1)).body("data.production_orders_this_month", is(2))
                .body("data.transactions_this_month", is(2)).body("data.month", is(month))
                .body("data", aMapWithSize(5));
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", usageTenant)
                .get("/api/usage").then().statusCode(200).body("data.boms", is(2));

        as(STAFF, usageTenant).get("/api/usage").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        as(VIEWER, usageTenant).get("/api/usage").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        // Another tenant's admin naming this tenant, and this tenant's admin naming another: refused, no figures.
        as(OTHER_ADMIN, usageTenant).get("/api/usage").then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
        as(ADMIN, otherTenant).get("/api/usage").then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
        given().header("Authorization", "Bearer " + TestTokens.get().member(OTHER_ADMIN, Map.of(usageTenant, "admin")))
                .header("X-Tenant-ID", usageTenant).get("/api/usage").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        as(OTHER_ADMIN, otherTenant).get("/api/usage").then().statusCode(200).body("data.production_orders_this_month", is(0));
    }

    @Test
    void metricsCarryTheTenantOnRequestAndBusinessCounters() {
        long bom = createBom(metricsTenant, "MET-1", 60_100);
        long order = createOrder(metricsTenant, "PO-MET-1", bom, 4);
        for (String step : List.of("release", "start", "complete")) {
            as(ADMIN, metricsTenant).post("/api/production-orders/" + order + "/" + step).then().statusCode(200);
        }
        as(ADMIN, metricsTenant).post("/api/production-orders/" + order + "/complete").then().statusCode(409);
        as(OTHER_ADMIN, metricsTenant).get("/api/boms").then().statusCode(403);

        String scrape = MetricsScrape.scrape();
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_production_orders_completed_total", "tenant", metricsTenant));
        // BOM, order, release, start, complete
        assertEquals(5.0, MetricsScrape.value(scrape, "ipsc_requests_total", "tenant", metricsTenant, "service", "manufacturing-service",
                "method", "POST", "status", "2xx"));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_requests_total", "tenant", metricsTenant, "method", "POST", "status", "4xx"));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_requests_total", "tenant", metricsTenant, "method", "GET", "status", "4xx"));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_provisioning_outcomes_total", "tenant", metricsTenant, "service", "manufacturing",
                "outcome", "PROVISIONED"));
        assertTrue(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds")).noneMatch(l -> l.contains("tenant=")));
    }

    // ---- helpers


    private static RequestSpecification as(long userId, String slug) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(userId, Map.of()))
                .header("X-Tenant-ID", slug).contentType(ContentType.JSON);
    }

    private static long createBom(String slug, String code, long productId) {
        return as(ADMIN, slug).body(Map.of("bom_id", code, "product_id", productId, "version", "1.0"))
                .post("/api/boms").then().statusCode(201).extract().jsonPath().getLong("data.id");
    }

    private static long createWorkCenter(String slug, String name, String capacity, String efficiency, String hourlyCost) {
        return as(ADMIN, slug).body(Map.of("name", name, "capacity", new BigDecimal(capacity), "efficiency", new BigDecimal(efficiency),
                        "hourly_cost", new BigDecimal(hourlyCost)))
                .post("/api/work-centers").then().statusCode(201).extract().jsonPath().getLong("data.id");
    }

    private static long createOrder(String slug, String number, long bomId, int quantity) {
        return as(ADMIN, slug).body(Map.of("order_number", number, "bom_id", bomId, "quantity", quantity,
                        "start_date", "2024-01-15", "due_date", "2024-01-20"))
                .post("/api/production-orders").then().statusCode(201).body("data.id", notNullValue())
                .extract().jsonPath().getLong("data.id");
    }

    private static io.restassured.response.ValidatableResponse addComponent(long bomId, long productId, String quantity, String scrap,
                                                                            String unitCost) {
        return as(ADMIN, tenant).body(Map.of("product_id", productId, "quantity_per_unit", new BigDecimal(quantity),
                        "scrap_percent", new BigDecimal(scrap), "unit_cost", new BigDecimal(unitCost)))
                .post("/api/boms/" + bomId + "/components").then();
    }

    private static io.restassured.response.ValidatableResponse transition(long orderId, String action) {
        return as(ADMIN, tenant).post("/api/production-orders/" + orderId + "/" + action).then();
    }

    private static String movementId(ConsumerRecord<String, String> record) {
        return json(record).path("movement_id").asText();
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
