package io.ipsc.invoicing;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code POST /api/customers/check} and {@code /api/vendors/check}: a party's fields judged as creating
 * would judge them (the GSTIN's format, check character and state), the state taken from the GSTIN, and
 * nothing stored.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class PartyCheckTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String T = "party-chk-" + RUN;
    private static final String OTHER = "party-chk-o-" + RUN;
    private static final long ADMIN = 51;
    private static final long VIEWER = 52;
    private static final long OUTSIDER = 53;
    private static boolean provisioned;

    @BeforeEach
    void provision() {
        if (provisioned) {
            return;
        }
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            for (Snapshot s : List.of(TenantEventsPublisher.snapshot(T, "business").member(ADMIN, "admin").member(VIEWER, "viewer"),
                    TenantEventsPublisher.snapshot(OTHER, "business").member(OUTSIDER, "admin"))) {
                events.publish(s);
                TenantEventsPublisher.awaitReport(s.slug(), "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            }
        }
        provisioned = true;
    }

    @Test
    void aGoodGstinGivesItsStateAndNothingIsStored() {
        for (String kind : List.of("customers", "vendors")) {
            as(VIEWER, T).body(Map.of("name", "Pune Traders", "gstin", "27aapfu0939f1zv")).post("/api/" + kind + "/check")
                    .then().statusCode(200).body("success", is(true))
                    .body("data.valid", is(true)).body("data.problems", empty()).body("data.warnings", empty())
                    .body("data.state_code", is("27")).body("data.gstin_state", is("Maharashtra"));
            as(ADMIN, T).get("/api/" + kind).then().statusCode(200).body("data.total_items", is(0));
        }
    }

    @Test
    void aWrongGstinIsJudgedAsCreatingWouldJudgeIt() {
        // Malformed: refused, by field, and creating refuses the same.
        as(ADMIN, T).body(Map.of("gstin", "27AAPFU0939")).post("/api/customers/check").then().statusCode(200)
                .body("data.valid", is(false)).body("data.problems.field", hasItems("gstin"))
                .body("data.gstin_state", nullValue());
        as(ADMIN, T).body(Map.of("name", "X", "gstin", "27AAPFU0939")).post("/api/customers").then().statusCode(400)
                .body("error.details.field", hasItems("gstin"));
        // A wrong check character: accepted with a warning naming the right one; the state still follows the GSTIN.
        as(ADMIN, T).body(Map.of("name", "Pune Traders", "gstin", "27AAPFU0939F1ZA")).post("/api/vendors/check").then().statusCode(200)
                .body("data.valid", is(true)).body("data.warnings[0].field", is("gstin"))
                .body("data.warnings[0].message", containsString("V")).body("data.gstin_state", is("Maharashtra"));
        // A state the GSTIN contradicts is a warning; the GST state stays the GSTIN's.
        as(ADMIN, T).body(Map.of("name", "Pune Traders", "gstin", "27AAPFU0939F1ZV", "state", "Karnataka")).post("/api/customers/check")
                .then().statusCode(200).body("data.valid", is(true)).body("data.warnings.field", hasItems("gstin"))
                .body("data.state_code", is("27"));
        // Other fields too: a name is required, e-mail, phone and PIN have their forms.
        as(ADMIN, T).body(Map.of("state", "Atlantis", "email", "no", "phone", "12", "pincode", "99")).post("/api/customers/check")
                .then().statusCode(200).body("data.valid", is(false))
                .body("data.problems.field", hasItems("name", "state", "email", "phone", "pincode"));
    }

    @Test
    void oneRefusalNamesEveryProblemTheFieldsOwnAndTheCrossFieldOnes() {
        // Field rules (PartyRequest's constraints) and the rules across fields (an overseas party with an Indian state)
        // in the same 400, and the check answers the same fields; nothing is stored.
        Map<String, Object> body = Map.of("name", "   ", "email", "no", "gst_category", "overseas", "state", "Karnataka",
                "address_line1", "x".repeat(201), "city", "y".repeat(101), "pincode", "12");
        as(ADMIN, T).body(body).post("/api/customers").then().statusCode(400).body("success", is(false))
                .body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItems("name", "email", "state", "address_line1", "city", "pincode"))
                .body("error.details.find { it.field == 'name' }.message", is("name must be 1 to 200 characters"))
                .body("error.details.find { it.field == 'address_line1' }.message", is("address_line1 must be at most 200 characters"));
        as(ADMIN, T).body(body).post("/api/customers/check").then().statusCode(200).body("data.valid", is(false))
                .body("data.problems.field", hasItems("name", "email", "state", "address_line1", "city", "pincode"));
        // No name at all on creation: required; a registered party without a GSTIN: the cross-field rule, in the same answer.
        as(ADMIN, T).body(Map.of("gst_category", "registered", "phone", "12")).post("/api/vendors").then().statusCode(400)
                .body("error.details.find { it.field == 'name' }.message", is("name is required"))
                .body("error.details.field", hasItems("name", "gstin", "phone"));
        as(ADMIN, T).get("/api/customers").then().statusCode(200).body("data.total_items", is(0));
        as(ADMIN, T).get("/api/vendors").then().statusCode(200).body("data.total_items", is(0));
    }

    @Test
    void badBodiesAndOtherTenantsAreRefusedInTheEnvelope() {
        as(ADMIN, T).post("/api/customers/check").then().statusCode(400).body("success", is(false)).body("data", nullValue());
        as(ADMIN, T).body("{\"gstin\": 5, \"nickname\": \"x\"}").post("/api/customers/check").then().statusCode(400)
                .body("success", is(false));
        // Another tenant's admin naming this tenant; this tenant's admin naming another (a forged X-Tenant-ID); no token.
        as(OUTSIDER, T).body(Map.of("gstin", "27AAPFU0939F1ZV")).post("/api/customers/check").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
        as(ADMIN, OTHER).body(Map.of("gstin", "27AAPFU0939F1ZV")).post("/api/vendors/check").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(T, "admin"))).header("X-Tenant-ID", T)
                .contentType("application/json").body(Map.of("gstin", "27AAPFU0939F1ZV")).post("/api/customers/check")
                .then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().contentType("application/json").body(Map.of("gstin", "27AAPFU0939F1ZV")).post("/api/customers/check")
                .then().statusCode(401);
    }
}
