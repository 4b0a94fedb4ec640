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

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class PatientResourceTest {

    private static TenantEventsPublisher events;
    private static TestClinic clinic;

    @BeforeAll
    static void provision() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
        clinic = TestClinic.provision(events, "patients");
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void thePatientIsCreatedReadUpdatedAndFoundByNameOrPhone() {
        long id = clinic.asAdmin().body(Map.of("first_name", "Meera", "last_name", "Iyer", "phone", "+91-9123456780",
                        "email", "meera@example.in", "date_of_birth", "1988-03-02", "gender", "female",
                        "allergies", new String[]{"Penicillin"}, "medical_conditions", new String[]{"Diabetes"}))
                .post("/api/patients").then().statusCode(201)
                .body("data.allergies[0]", is("Penicillin"))
                .extract().jsonPath().getLong("data.id");
        clinic.asAdmin().get("/api/patients/" + id).then().statusCode(200).body("data.first_name", is("Meera"))
                .body("data.date_of_birth", is("1988-03-02")).body("data.archived", is(false));
        clinic.asAdmin().body(Map.of("first_name", "Meera", "last_name", "Iyer-Rao", "phone", "+91-9123456780"))
                .put("/api/patients/" + id).then().statusCode(200).body("data.last_name", is("Iyer-Rao")).body("data.email", nullValue());
        clinic.asAdmin().queryParam("search", "iyer-r").get("/api/patients").then().statusCode(200)
                .body("data.total_items", is(1)).body("data.items[0].id", is((int) id));
        clinic.asAdmin().queryParam("search", "9123456780").get("/api/patients").then().statusCode(200).body("data.total_items", is(1));
        clinic.asAdmin().queryParam("search", "nobody-like-this").get("/api/patients").then().statusCode(200).body("data.total_items", is(0));
        clinic.asAdmin().get("/api/patients/999999").then().statusCode(404).body("error.code", is("NOT_FOUND"));
    }

    @Test
    void listsArePaginated() {
        for (int i = 0; i < 3; i++) {
            clinic.createPatient("Paged", "Zed" + i);
        }
        clinic.asAdmin().queryParam("search", "paged").queryParam("size", 2).queryParam("page", 2).get("/api/patients").then()
                .statusCode(200).body("data.total_items", is(3)).body("data.total_pages", is(2)).body("data.items.size()", is(1));
        clinic.asAdmin().queryParam("size", 101).get("/api/patients").then().statusCode(400);
    }

    @Test
    void invalidFieldsAreNamed() {
        clinic.asAdmin().body(Map.of("phone", "call me", "email", "not-an-email", "date_of_birth", "2999-01-01"))
                .post("/api/patients").then().statusCode(400).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItems("first_name", "last_name", "phone", "email", "date_of_birth"));
        clinic.asAdmin().body(Map.of("first_name", "A", "last_name", "B", "favourite_colour", "blue"))
                .post("/api/patients").then().statusCode(400).body("error.code", is("UNKNOWN_FIELD"));
    }

    @Test
    void aPatientWithHistoryIsArchivedAndOneWithoutIsDeleted() {
        long bare = clinic.createPatient("Short", "Stay");
        long treated = clinic.createPatient("Long", "History");
        clinic.asAdmin().body(Map.of("patient_id", treated, "treatment_date", "2024-02-01T11:00:00", "treatment_type", "Scaling", "cost", 800))
                .post("/api/treatments").then().statusCode(201);
        clinic.as(TestClinic.DENTIST).delete("/api/patients/" + bare).then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        clinic.asAdmin().delete("/api/patients/" + bare).then().statusCode(200).body("message", containsString("deleted"));
        clinic.asAdmin().get("/api/patients/" + bare).then().statusCode(404);
        clinic.asAdmin().delete("/api/patients/" + treated).then().statusCode(200).body("message", containsString("archived"));
        clinic.asAdmin().get("/api/patients/" + treated).then().statusCode(200).body("data.archived", is(true));
        clinic.asAdmin().queryParam("search", "long history").get("/api/patients").then().body("data.total_items", is(0));
        clinic.asAdmin().queryParam("search", "long history").queryParam("include_archived", true).get("/api/patients").then()
                .body("data.total_items", is(1));
    }

    @Test
    void aViewerReadsButDoesNotWrite() {
        clinic.as(TestClinic.VIEWER).get("/api/patients").then().statusCode(200);
        clinic.as(TestClinic.VIEWER).body(Map.of("first_name", "No", "last_name", "Access")).post("/api/patients").then()
                .statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
    }
}
