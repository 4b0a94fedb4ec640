package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clinic's pages against a stand-in gateway: the API's patient search, the odontogram (52 teeth by FDI number,
 * coloured by the API's treatments, a tooth's history), a refused tooth shown at its field, completion and the
 * invoice line it made, a viewer without buttons, and the supplies' low-stock warning and a refused consumption.
 * The browser test on the real suite is e2e's ClinicBrowserTest.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicStubGateway.class, restrictToAnnotatedClass = true)
class ClinicPagesTest {

    private static final String BASE = "/t/smile-dental/patients";
    private static final Pattern TOOTH = Pattern.compile("<a href=\"[^\"]+\\?tooth=(\\d+)#tooth-history\" id=\"tooth-\\1\" class=\"tooth ([^\"]+)\"");

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        ClinicStubGateway.CALLS.clear();
    }

    @Test
    void theSearchIsTheApisByNameOrPhone() {
        admin.get(BASE + "?search=98765").then().statusCode(200)
                .body(containsString("<a href=\"/t/smile-dental/patients/5\">John Doe</a>"))
                .body(containsString("+91-9876543212"))
                .body(containsString("id=\"new-patient\""));
        assertTrue(ClinicStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("GET /api/tenants/smile-dental/patients?")
                && c.contains("search=98765")), ClinicStubGateway.CALLS.toString());
    }

    @Test
    void theChartHasEveryToothByFdiColouredByTheApisTreatments() {
        String page = admin.get(BASE + "/5?tooth=36").then().statusCode(200).extract().asString();
        Map<Integer, String> teeth = new java.util.TreeMap<>();
        Matcher m = TOOTH.matcher(page);
        while (m.find()) {
            teeth.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        assertEquals(52, teeth.size(), teeth.toString());
        for (int q = 1; q <= 8; q++) {
            for (int p = 1; p <= (q > 4 ? 5 : 8); p++) {
                assertTrue(teeth.containsKey(q * 10 + p), "tooth " + (q * 10 + p) + " missing");
            }
        }
        assertEquals("tooth-completed tooth-selected", teeth.get(36));
        assertEquals("tooth-planned", teeth.get(11));
        assertEquals("tooth-none", teeth.get(18));
        assertEquals("tooth-none tooth-primary", teeth.get(55));
        assertTrue(page.contains("aria-label=\"Tooth 36, lower left first molar, treated\""), page);
        // The history of the chosen tooth, and the line the root canal's completion made on the draft invoice.
        assertTrue(page.contains("<h3>Tooth 36 · lower left first molar</h3>"), page);
        String history = page.substring(page.indexOf("id=\"tooth-history\""), page.indexOf("id=\"treatments\""));
        assertTrue(history.contains("Root Canal") && !history.contains("Filling"), history);
        assertTrue(page.contains("<a href=\"/t/smile-dental/invoices/9\">Draft invoice #9</a> · ₹5,000.00"), page);
        assertTrue(page.contains("id=\"plan-total\">1 planned, estimated <strong>₹1,500.00</strong>"), page);
        assertTrue(page.contains("Chair 1") && page.contains("href=\"/t/smile-dental/calendar\""), page);
        assertTrue(ClinicStubGateway.CALLS.stream().anyMatch(c -> c.contains("/invoices/for-party?") && c.contains("external_ref=dental%3Apatient%3A5")),
                ClinicStubGateway.CALLS.toString());
        assertTrue(ClinicStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("GET /api/tenants/smile-dental/appointments?")
                && c.contains("patient_id=5")), ClinicStubGateway.CALLS.toString());
    }

    @Test
    void aToothTheApiRefusesIsShownAtTheToothField() {
        admin.submit(BASE + "/5", BASE + "/5/treatments", Map.of("treatment_type", "Root Canal", "tooth", "99", "cost", "5000",
                        "treatment_date", "2024-01-15T10:00", "status", "planned"))
                .then().statusCode(400)
                .body(containsString("id=\"tooth-error\">tooth must be an FDI number: permanent 11-18"))
                .body(containsString("value=\"Root Canal\""));
        String sent = ClinicStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/tenants/smile-dental/treatments")).findFirst()
                .orElseThrow();
        assertTrue(sent.contains("\"patient_id\":5") && sent.contains("\"cost\":5000") && sent.contains("\"treatment_date\":\"2024-01-15T10:00\""),
                sent);
    }

    @Test
    void completingLeadsToTheBilledLineAndAsksAgainUntilInvoicingHasIt() {
        admin.submit(BASE + "/5", BASE + "/5/treatments/13/complete", Map.of()).then().statusCode(303)
                .header("Location", endsWith("/t/smile-dental/patients/5?done=completed&completed=13#completion"));
        assertTrue(ClinicStubGateway.CALLS.contains("POST /api/tenants/smile-dental/treatments/13/complete"), ClinicStubGateway.CALLS.toString());
        // The filling's line is not on the invoice yet: the fragment asks again a second later.
        admin.get(BASE + "/5/treatments/13/billed?attempt=1").then().statusCode(200)
                .body(containsString("id=\"billed-waiting\""))
                .body(containsString("hx-get=\"/t/smile-dental/patients/5/treatments/13/billed?attempt=2\""));
        admin.get(BASE + "/5/treatments/13/billed?attempt=15").then().statusCode(200)
                .body(containsString("id=\"billed-pending\"")).body(not(containsString("hx-get")));
        // The root canal's is there.
        admin.get(BASE + "/5/treatments/12/billed").then().statusCode(200)
                .body(containsString("Root Canal is billed on <a href=\"/t/smile-dental/invoices/9\">Draft invoice #9</a> (Draft)"))
                .body(containsString("Root Canal (tooth 36) · SAC 999312 · <strong id=\"billed-amount\">₹5,000.00</strong>"))
                .body(not(containsString("hx-get")));
    }

    @Test
    void aViewerSeesNoWayToChangeAnything() {
        Browserless viewer = new Browserless();
        viewer.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        for (String path : new String[] {BASE, BASE + "/5", "/t/smile-dental/supplies", "/t/smile-dental/supplies/3"}) {
            String page = viewer.get(path).then().statusCode(200).extract().asString();
            String main = page.substring(page.indexOf("<main"));
            assertTrue(!main.contains("method=\"post\"") && !main.contains("id=\"new-patient\"") && !main.contains("id=\"edit-patient\""),
                    path + ": " + main);
        }
    }

    @Test
    void suppliesWarnOfLowStockAndARefusedUseIsShownAtItsForm() {
        admin.get("/t/smile-dental/supplies").then().statusCode(200)
                .body(containsString("id=\"low-stock\""))
                .body(containsString("<a href=\"/t/smile-dental/supplies/3\">Composite resin A2</a>: 2 syringe left (reorder at 5)"))
                .body(containsString("<span class=\"badge low-stock-badge\">Low stock</span>"));
        admin.submit("/t/smile-dental/supplies/3", "/t/smile-dental/supplies/3/consumptions", Map.of("consume-quantity", "9"))
                .then().statusCode(422)
                .body(containsString("id=\"consumption-problem\">Only 2 syringe of Composite resin A2 in stock<"));
        assertTrue(ClinicStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("POST /api/tenants/smile-dental/dental-supplies/3/consumptions")
                && c.contains("\"quantity\":9")), ClinicStubGateway.CALLS.toString());
    }
}
