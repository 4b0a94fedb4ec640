package io.ipsc.dental;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.is;

/** The seed guide's patient, appointment and treatment examples, exactly as written, on a fresh clinic. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class SeedExamplesTest {

    @Test
    void theSeedsBodiesSucceedAsWritten() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        TestClinic clinic;
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            clinic = TestClinic.provision(events, "smile");
        }
        clinic.asAdmin().body("""
                {
                  "first_name": "John",
                  "last_name": "Doe",
                  "phone": "+91-9876543212",
                  "email": "john.doe@email.com",
                  "date_of_birth": "1990-01-01"
                }""").post("/api/patients").then().statusCode(201)
                .body("success", is(true)).body("data.id", is(1)).body("data.first_name", is("John"));
        clinic.asAdmin().get("/api/patients").then().statusCode(200).body("data.total_items", is(1));

        clinic.asAdmin().body("""
                {
                  "patient_id": 1,
                  "appointment_date": "2024-01-15T10:00:00",
                  "treatment_type": "Regular Checkup",
                  "notes": "Annual dental checkup"
                }""").post("/api/appointments").then().statusCode(201)
                .body("data.id", is(1)).body("data.patient_id", is(1))
                .body("data.appointment_date", is("2024-01-15T10:00:00+05:30"))
                .body("data.ends_at", is("2024-01-15T10:30:00+05:30"))
                .body("data.duration_minutes", is(30)).body("data.status", is("scheduled"));
        clinic.asAdmin().get("/api/appointments").then().statusCode(200).body("data.total_items", is(1));

        clinic.asAdmin().body("""
                {
                  "patient_id": 1,
                  "treatment_date": "2024-01-15T10:00:00",
                  "treatment_type": "Root Canal",
                  "cost": 5000,
                  "notes": "Completed root canal treatment"
                }""").post("/api/treatments").then().statusCode(201)
                .body("data.id", is(1)).body("data.treatment_type", is("Root Canal"))
                .body("data.treatment_date", is("2024-01-15T10:00:00+05:30"))
                .body("data.cost", is(5000.0f)).body("data.status", is("planned"));
    }
}
