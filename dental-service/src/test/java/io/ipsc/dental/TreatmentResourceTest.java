package io.ipsc.dental;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class TreatmentResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TenantEventsPublisher events;
    private static TestClinic clinic;
    private static long patient;

    @BeforeAll
    static void provision() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
        clinic = TestClinic.provision(events, "treatments");
    }

    // Not in @BeforeAll: REST Assured learns the application's port only before each test.
    @BeforeEach
    void patient() {
        if (patient == 0) {
            patient = clinic.createPatient("Harish", "Molar");
        }
    }

    @AfterAll
    static void close() {
        events.close();
    }

    private static Map<String, Object> treatment(Object tooth, String surfaces, Object cost) {
        Map<String, Object> body = new HashMap<>();
        body.put("patient_id", patient);
        body.put("treatment_date", "2024-08-01T10:00:00");
        body.put("treatment_type", "Composite filling");
        body.put("cost", cost);
        if (tooth != null) {
            body.put("tooth", tooth);
        }
        if (surfaces != null) {
            body.put("surfaces", surfaces);
        }
        return body;
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 18, 28, 38, 48, 51, 55, 65, 75, 85})
    void fdiTeethAreAccepted(int tooth) {
        clinic.asAdmin().body(treatment(tooth, "mo", 1200)).post("/api/treatments").then().statusCode(201)
                .body("data.tooth", is(tooth)).body("data.surfaces", is("MO"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, 10, 19, 49, 56, 59, 66, 86, 91, 99, 111})
    void otherToothNumbersAreRefused(int tooth) {
        clinic.asAdmin().body(treatment(tooth, null, 1200)).post("/api/treatments").then().statusCode(400)
                .body("error.details[0].field", is("tooth"));
    }

    @Test
    void invalidTreatmentsNameTheirFields() {
        clinic.asAdmin().body(treatment(null, "MO", 100)).post("/api/treatments").then().statusCode(400)
                .body("error.details[0].field", is("surfaces"));
        clinic.asAdmin().body(treatment(36, "MXX", 100)).post("/api/treatments").then().statusCode(400)
                .body("error.details[0].field", is("surfaces"));
        clinic.asAdmin().body(treatment(36, null, -5)).post("/api/treatments").then().statusCode(400)
                .body("error.details[0].field", is("cost"));
        clinic.asAdmin().body(Map.of("patient_id", patient)).post("/api/treatments").then().statusCode(400)
                .body("error.code", is("VALIDATION_ERROR"));
    }

    @Test
    void completingTwiceBillsThePatientOnce() throws Exception {
        long id = clinic.asAdmin().body(treatment(36, "MOD", 4500)).post("/api/treatments").then().statusCode(201)
                .extract().jsonPath().getLong("data.id");
        clinic.asAdmin().post("/api/treatments/" + id + "/complete").then().statusCode(200)
                .body("data.status", is("completed")).body("message", containsString("billed"));
        clinic.asAdmin().post("/api/treatments/" + id + "/complete").then().statusCode(200)
                .body("message", containsString("already completed"));
        clinic.asAdmin().body(treatment(36, "MOD", 9999)).put("/api/treatments/" + id).then().statusCode(409)
                .body("error.code", is("TREATMENT_COMPLETED"));

        String key = "dental:treatment:" + id;
        try (TopicReader reader = new TopicReader(Topics.BILLING)) {
            Predicate<ConsumerRecord<String, String>> billed = r -> clinic.slug().equals(r.key()) && r.value().contains("\"" + key + "\"");
            assertEquals(1, reader.await(billed, 1, Duration.ofSeconds(30)).size());
            // Once the outbox holds nothing unsent, no send can still come: exactly one reached the topic.
            await().atMost(Duration.ofSeconds(30)).until(() -> "0".equals(clinic.scalar("SELECT count(*) FROM billing_outbox WHERE sent_at IS NULL")));
            List<ConsumerRecord<String, String>> items = reader.awaitAllBeforeMarker(clinic.slug(), billed, Duration.ofSeconds(30));
            assertEquals(1, items.size(), "billed once, though completed twice");
            JsonNode item = JSON.readTree(items.get(0).value());
            assertEquals(clinic.slug(), item.path("tenant").asText());
            assertEquals("dental", item.path("source").asText());
            assertEquals(key, item.path("idempotency_key").asText());
            assertEquals("patient:" + patient, item.path("party").path("external_id").asText());
            assertEquals("Harish Molar", item.path("party").path("name").asText());
            assertEquals("Composite filling (tooth 36, MOD)", item.path("line").path("description").asText());
            assertEquals("999312", item.path("line").path("hsn_sac").asText());
            assertEquals(0, item.path("line").path("gst_rate").decimalValue().signum());
            assertEquals(0, item.path("line").path("unit_price").decimalValue().compareTo(new java.math.BigDecimal("4500")));
        }
    }

    @Test
    void theTreatmentPlanListsPlannedTreatmentsWithTheirTotal() {
        long planned = clinic.createPatient("Indu", "Planner");
        for (int cost : new int[]{1500, 2500}) {
            Map<String, Object> body = treatment(21, null, cost);
            body.put("patient_id", planned);
            clinic.asAdmin().body(body).post("/api/treatments").then().statusCode(201);
        }
        Map<String, Object> done = treatment(22, null, 700);
        done.put("patient_id", planned);
        done.put("status", "completed");
        clinic.asAdmin().body(done).post("/api/treatments").then().statusCode(201).body("data.status", is("completed"));
        clinic.asAdmin().get("/api/patients/" + planned + "/treatment-plan").then().statusCode(200)
                .body("data.treatment_count", is(2)).body("data.total_estimate", is(4000.0f))
                .body("data.patient_name", is("Indu Planner"));
        clinic.asAdmin().get("/api/patients/987654/treatment-plan").then().statusCode(404);
    }
}
