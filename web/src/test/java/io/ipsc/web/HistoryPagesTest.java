package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record's history against a stand-in gateway: the trail's entries as a person reads them (who, what changed from
 * what to what, when in India), asked for the record named and no more; a member who is not an admin told so without a
 * call to the trail; a record kind that has no history page refused.
 */
@QuarkusTest
@QuarkusTestResource(value = HistoryStubGateway.class, restrictToAnnotatedClass = true)
class HistoryPagesTest {

    private static final String INVOICE_42 = "/t/acme-traders/history/invoice/42";

    @BeforeEach
    void clear() {
        HistoryStubGateway.CALLS.clear();
    }

    @Test
    void anAdminReadsWhoChangedWhatAndWhenNewestFirst() {
        Browserless admin = new Browserless();
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        String page = admin.get(INVOICE_42).then().statusCode(200)
                .body(containsString("<strong>Changed</strong> by <span class=\"history-who\">admin@ipsc.local</span>"))
                .body(containsString("<span class=\"history-field\">amount paid</span>: <span class=\"history-before\">0</span> → <span class=\"history-after\">1500</span>"))
                .body(containsString("<span class=\"history-after\">paid</span>"))
                // 06:15 UTC is 11:45 in India.
                .body(containsString("11:45"))
                .body(containsString("<strong>Created</strong> by <span class=\"history-who\">System (ipsc.billing)</span>"))
                .body(containsString("<span class=\"history-before\">—</span> → <span class=\"history-after\">draft</span>"))
                .body(containsString("id=\"history-more\">21 older changes not shown"))
                // Bookkeeping columns and fields created empty say nothing to a person.
                .body(not(containsString("updated at"))).body(not(containsString(">notes<")))
                .extract().asString();
        assertTrue(page.indexOf("Changed") < page.indexOf("Created"), "newest first, as the trail answers: " + page);
        String asked = HistoryStubGateway.CALLS.stream().filter(c -> c.startsWith("GET /api/tenants/acme-traders/audit")).findFirst()
                .orElseThrow();
        assertTrue(asked.contains("entity=invoice") && asked.contains("id=42") && asked.contains("size=20"), asked);
    }

    @Test
    void aMemberWhoIsNotAnAdminIsToldSoAndTheTrailIsNotAsked() {
        Browserless member = new Browserless();
        member.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        member.get(INVOICE_42).then().statusCode(200)
                .body(containsString("id=\"history-not-allowed\""))
                .body(not(containsString("history-list")));
        assertTrue(HistoryStubGateway.CALLS.stream().noneMatch(c -> c.contains("/audit")), HistoryStubGateway.CALLS.toString());
    }

    @Test
    void aKindOfRecordWithoutAHistoryPageIsNotFound() {
        Browserless admin = new Browserless();
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        admin.get("/t/acme-traders/history/signing_keys/1").then().statusCode(404);
        assertTrue(HistoryStubGateway.CALLS.stream().noneMatch(c -> c.contains("/audit")), HistoryStubGateway.CALLS.toString());
    }
}
