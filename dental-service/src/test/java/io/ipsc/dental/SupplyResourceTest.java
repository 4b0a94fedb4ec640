package io.ipsc.dental;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class SupplyResourceTest {

    private static TenantEventsPublisher events;
    private static TestClinic clinic;

    @BeforeAll
    static void provision() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
        clinic = TestClinic.provision(events, "supplies");
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void receiptsAndConsumptionMoveTheStockAndLowStockListsWhatRunsOut() {
        long gloves = clinic.asAdmin().body(Map.of("name", "Nitrile gloves", "unit", "box", "opening_stock", 10, "reorder_level", 4))
                .post("/api/dental-supplies").then().statusCode(201).body("data.low_stock", is(false))
                .extract().jsonPath().getLong("data.id");
        long treatment = clinic.asAdmin().body(Map.of("patient_id", clinic.createPatient("Jaya", "Supply"),
                        "treatment_date", "2024-09-01T10:00:00", "treatment_type", "Scaling", "cost", 600))
                .post("/api/treatments").then().statusCode(201).extract().jsonPath().getLong("data.id");

        clinic.asAdmin().body(Map.of("quantity", 7, "treatment_id", treatment)).post("/api/dental-supplies/" + gloves + "/consumptions")
                .then().statusCode(201).body("data.stock_after", is(3.0f)).body("data.treatment_id", is((int) treatment));
        clinic.asAdmin().get("/api/dental-supplies/low-stock").then().statusCode(200).body("data.items.name", hasItem("Nitrile gloves"));
        clinic.asAdmin().body(Map.of("quantity", 5)).post("/api/dental-supplies/" + gloves + "/consumptions").then()
                .statusCode(422).body("error.code", is("INSUFFICIENT_STOCK"));
        clinic.asAdmin().body(Map.of("quantity", 20)).post("/api/dental-supplies/" + gloves + "/receipts").then()
                .statusCode(201).body("data.stock_after", is(23.0f));
        clinic.asAdmin().get("/api/dental-supplies/low-stock").then().body("data.items.name", not(hasItem("Nitrile gloves")));
        clinic.asAdmin().get("/api/dental-supplies/" + gloves + "/movements").then().statusCode(200).body("data.total_items", is(3));
    }

    @Test
    void invalidOrDuplicateSuppliesAreRefused() {
        clinic.asAdmin().body(Map.of("name", "Composite A2", "unit", "syringe", "reorder_level", 2)).post("/api/dental-supplies")
                .then().statusCode(201);
        clinic.asAdmin().body(Map.of("name", "composite a2", "unit", "syringe", "reorder_level", 2)).post("/api/dental-supplies")
                .then().statusCode(409).body("error.code", is("DUPLICATE_SUPPLY"));
        clinic.asAdmin().body(Map.of("unit", "box", "reorder_level", -1)).post("/api/dental-supplies").then().statusCode(400)
                .body("error.details.field", hasItem("name")).body("error.details.field", hasItem("reorder_level"));
        clinic.asAdmin().body(Map.of("quantity", 0)).post("/api/dental-supplies/1/receipts").then().statusCode(400)
                .body("error.details[0].field", is("quantity"));
    }
}
