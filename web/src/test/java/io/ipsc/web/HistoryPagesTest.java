package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
                .body(containsString("<span class=\"history-field\">amount paid</span>: <span class=\"history-before\">₹0.00</span> → <span class=\"history-after\">₹1,500.00</span>"))
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
    void anInvoicesHistoryHasItsLinesChangesInTheSameTimeOrder() {
        Browserless admin = new Browserless();
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        String page = admin.get(INVOICE_42).then().statusCode(200)
                .body(containsString("<strong>Line changed</strong>"))
                .body(containsString("<span class=\"history-field\">quantity</span>: <span class=\"history-before\">2</span> → <span class=\"history-after\">3</span>"))
                .body(containsString("<strong>Line removed</strong>"))
                // The line's parent key is the page's own record: not repeated.
                .body(not(containsString("invoice id")))
                .extract().asString();
        assertTrue(page.indexOf("<strong>Changed") < page.indexOf("Line removed") && page.indexOf("Line removed") < page.indexOf("Line changed")
                && page.indexOf("Line changed") < page.indexOf("<strong>Created"), "one list, newest first: " + page);
        String asked = HistoryStubGateway.CALLS.stream().filter(c -> c.startsWith("GET /api/tenants/acme-traders/audit")).findFirst()
                .orElseThrow();
        assertTrue(asked.contains("with=lines"), asked);

        HistoryStubGateway.CALLS.clear();
        admin.get("/t/acme-traders/history/purchase/42").then().statusCode(200);
        admin.get("/t/acme-traders/history/product/42").then().statusCode(200);
        List<String> trail = HistoryStubGateway.CALLS.stream().filter(c -> c.startsWith("GET /api/tenants/acme-traders/audit")).toList();
        assertTrue(trail.get(0).contains("entity=purchase") && trail.get(0).contains("with=lines"), trail.toString());
        assertTrue(trail.get(1).contains("entity=product") && !trail.get(1).contains("with="), "a product has no lines: " + trail);
    }

    /** A line removed (or added) carries all its fields: what a person needs first is shown, the rest behind a toggle. */
    @Test
    void aLineRemovedIsSummedUpAsItWasWithItsOtherFieldsBehindAToggle() {
        Browserless admin = new Browserless();
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        String page = admin.get(INVOICE_42).then().statusCode(200).extract().asString();
        String removed = page.substring(page.indexOf("<strong>Line removed</strong>"), page.indexOf("<strong>Line changed</strong>"));
        String summary = removed.substring(removed.indexOf("class=\"history-facts\""), removed.indexOf("</p>", removed.indexOf("history-facts")));
        for (String fact : List.of("quantity</span> 2 nos", "rate</span> ₹450.00", "total</span> ₹1,062.00")) {
            assertTrue(summary.contains(fact), fact + " in " + summary);
        }
        assertTrue(summary.indexOf("quantity") < summary.indexOf("rate") && summary.indexOf("rate") < summary.indexOf("total"), summary);
        // Its description is in its name ("Line 3 · Mouth guard"), not said again.
        assertTrue(!summary.contains("description"), summary);
        // The other fields behind a closed toggle, as the line was; no "— →" per field, no bookkeeping, nothing said twice.
        String others = removed.substring(removed.indexOf("<details class=\"history-other-fields\">"), removed.indexOf("</details>"));
        assertTrue(others.contains("<summary>8 more fields</summary>"), others);
        assertTrue(others.contains("<span class=\"history-field\">hsn sac</span>: <span class=\"history-value\">9021</span>"), others);
        assertTrue(others.contains("<span class=\"history-field\">igst</span>: <span class=\"history-value\">₹162.00</span>"), others);
        for (String hidden : List.of(">description<", ">quantity<", ">unit price<", ">total<", ">position<", ">invoice id<", ">id<", "→")) {
            assertTrue(!others.contains(hidden), hidden + " in " + others);
        }
        assertTrue(!removed.contains("history-before"), removed);
        // A line's change keeps the field-by-field form.
        assertTrue(page.contains("<span class=\"history-field\">quantity</span>: <span class=\"history-before\">2</span> → <span class=\"history-after\">3</span>"));
    }

    @Test
    void eachLineChangeNamesTheLineAsItWasThen() {
        Browserless admin = new Browserless();
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        admin.get(INVOICE_42).then().statusCode(200)
                // The removed line's delete row holds its position and description.
                .body(containsString("<strong>Line removed</strong> <span class=\"history-line\">Line 3 · Mouth guard</span> by"))
                // The changed line's update names only its quantity: its name comes from its own trail, asked for once.
                .body(containsString("<strong>Line changed</strong> <span class=\"history-line\">Line 2 · Steel rod</span> by"))
                // The invoice's own changes name no line.
                .body(containsString("<strong>Changed</strong> by"));
        List<String> trail = HistoryStubGateway.CALLS.stream().filter(c -> c.startsWith("GET /api/tenants/acme-traders/audit")).toList();
        assertEquals(2, trail.size(), trail.toString());
        assertTrue(trail.get(1).contains("entity=invoice_lines") && trail.get(1).contains("id=77") && !trail.get(1).contains("with="),
                trail.toString());
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
