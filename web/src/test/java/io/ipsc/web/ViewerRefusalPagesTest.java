package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * A viewer who opens a page that creates or changes records (by an old bookmark, or typing the address: no list offers
 * them a "new" entry, as CatalogPagesTest, ClinicPagesTest and InvoicePagesTest check) gets a 403 page that says their role cannot, and the way back to the records, not an editor that could
 * never save. The refusal comes before any call for the form's data.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogStubGateway.class, restrictToAnnotatedClass = true)
class ViewerRefusalPagesTest {

    private static final String BASE = "/t/smile-dental/";

    /** Each writing page, with what its refusal says the role cannot do and where it leads back to. */
    private static final Map<String, String[]> PAGES = Map.of(
            "invoices/new", new String[]{"create invoices", "invoices", "Back to the invoices"},
            "invoices/6/edit", new String[]{"change invoices", "invoices/6", "Back to the invoice"},
            "purchases/new", new String[]{"record purchases", "purchases", "Back to the purchases"},
            "products/new", new String[]{"create products", "products", "Back to the products"},
            "customers/new", new String[]{"create customers", "customers", "Back to the customers"},
            "vendors/new", new String[]{"create vendors", "vendors", "Back to the vendors"},
            "patients/new", new String[]{"register patients", "patients", "Back to the patients"},
            "patients/5/edit", new String[]{"change patients' details", "patients/5", "Back to the patient"});

    @Test
    void aViewerIsToldTheRoleCannotAndLedBack() {
        Browserless viewer = new Browserless();
        viewer.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        PAGES.forEach((page, said) -> viewer.get(BASE + page).then().statusCode(403)
                .body(containsString("<h1>Your role cannot " + said[0].replace("'", "&#39;") + "</h1>"))
                .body(containsString("You are signed in as " + StubGateway.MEMBER + ", a viewer of Smile Dental Clinic"))
                .body(containsString("which needs the staff role or higher"))
                .body(containsString("<a href=\"" + BASE + said[1] + "\" id=\"role-cannot-back\">" + said[2] + "</a>"))
                // The workspace frames it (its menu), and nothing on it can write.
                .body(containsString("href=\"" + BASE + "invoices\""))
                .body(not(containsString("method=\"post\" action=\"" + BASE))));
    }
}
