package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cash-flow pages against a stand-in gateway: the API's ageing and customers shown as charts
 * whose bars link to the documents behind them and as tables with the same links; the lists ask the API
 * with its filters. The GST page's tests are GstPagesTest's. The browser test on the real suite is e2e's
 * CashFlowBrowserTest.
 */
@QuarkusTest
@QuarkusTestResource(value = CashFlowStubGateway.class, restrictToAnnotatedClass = true)
class CashFlowPagesTest {

    private static final String BASE = "/t/smile-dental/";

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        CashFlowStubGateway.CALLS.clear();
    }

    @Test
    void theAgeingIsTheApisWithEachBarAndRowLinkedToItsInvoices() {
        String html = admin.get(BASE + "cashflow").then().statusCode(200).extract().asString();
        // The table under the chart: each bucket's amount as the API answered it, linked to its list.
        assertTrue(html.contains("<a href=\"/t/smile-dental/cashflow/invoices?ageing=31-60\">31–60 days</a></th><td>₹2,360.00</td>"), html);
        assertTrue(html.contains("<a href=\"/t/smile-dental/cashflow/invoices?ageing=90%2B\">Over 90 days</a></th><td>₹4,72,000.50</td>"), html);
        assertTrue(html.contains("Owed to you: ₹4,79,720.50"), html);
        assertTrue(html.contains("<a href=\"/t/smile-dental/cashflow/purchases?ageing=0-30\">0–30 days</a></th><td>₹590.00</td>"), html);
        assertTrue(html.contains("<a href=\"/t/smile-dental/cashflow/invoices?customer_id=3\">Kaveri Traders</a></th><td>4</td><td>₹4,78,540.50</td>"), html);
        // The charts carry the same links, one per bar, escaped into the attribute.
        assertTrue(html.contains("&quot;links&quot;:[&quot;/t/smile-dental/cashflow/invoices?ageing=0-30&quot;"), html);
        assertTrue(html.contains("&quot;Bharat &amp; Sons&quot;"), html);
        assertTrue(html.contains("id=\"months-chart\""), html);
        assertTrue(CashFlowStubGateway.CALLS.contains("GET /api/tenants/smile-dental/cashflow"), CashFlowStubGateway.CALLS.toString());
    }

    @Test
    void aBucketsListAsksTheApiForThatBucketAndLinksEachInvoice() {
        admin.get(BASE + "cashflow/invoices?ageing=31-60").then().statusCode(200)
                .body(containsString("Owed to you, 31–60 days"))
                .body(containsString("<a href=\"/t/smile-dental/invoices/9\">INV/2026-27/00009</a>"))
                .body(containsString("₹1,360.00")).body(containsString("Partially paid")).body(containsString("15-10-2026"))
                // Money reads as a ledger does: its columns right-aligned, the words left.
                .body(containsString("<th scope=\"col\" class=\"num\">Balance due</th>"))
                .body(containsString("<td class=\"num\">₹1,360.00</td>")).body(containsString("<td>Partially paid</td>"));
        assertEquals("GET /api/tenants/smile-dental/invoices?ageing=31-60&outstanding=true&page=1&size=20", listCall("/invoices"));
        // As the page links it (a '+' encoded), and as typed in an address bar (a '+' arriving as a space).
        io.restassured.RestAssured.given().urlEncodingEnabled(false).cookies(admin.cookies).get(BASE + "cashflow/invoices?ageing=90%2B")
                .then().statusCode(200).body(containsString("Owed to you, Over 90 days"));
        assertTrue(listCall("/invoices").contains("ageing=90%2B"), listCall("/invoices"));
        io.restassured.RestAssured.given().urlEncodingEnabled(false).cookies(admin.cookies).get(BASE + "cashflow/invoices?ageing=90+")
                .then().statusCode(200).body(containsString("Owed to you, Over 90 days"));
        assertTrue(listCall("/invoices").contains("ageing=90%2B"), listCall("/invoices"));
    }

    @Test
    void aCustomersListAsksForWhatItStillOwes() {
        admin.get(BASE + "cashflow/invoices?customer_id=3").then().statusCode(200).body(containsString("Owed by Kaveri Traders"));
        String call = listCall("/invoices");
        assertTrue(call.contains("customer_id=3") && call.contains("outstanding=true") && !call.contains("ageing"), call);
    }

    @Test
    void aPayablesBucketListsTheBillsOwed() {
        admin.get(BASE + "cashflow/purchases?ageing=0-30").then().statusCode(200)
                .body(containsString("You owe, 0–30 days")).body(containsString("PM/2")).body(containsString("₹236.00"));
        assertEquals("GET /api/tenants/smile-dental/purchases?ageing=0-30&page=1&size=20", listCall("/purchases"));
    }

    @Test
    void eachMonthsMoneyInAndOutBarOpensThatMonthsPayments() {
        String html = admin.get(BASE + "cashflow").then().statusCode(200).extract().asString();
        // Each series carries its own links, one per month: money in and money out of October open different lists.
        assertTrue(html.contains("&quot;name&quot;:&quot;Money in&quot;,&quot;values&quot;:[0,1180],&quot;links&quot;:["
                + "&quot;/t/smile-dental/cashflow/payments?month=2026-10&amp;direction=in&quot;,"
                + "&quot;/t/smile-dental/cashflow/payments?month=2026-11&amp;direction=in&quot;]"), html);
        assertTrue(html.contains("&quot;name&quot;:&quot;Money out&quot;,&quot;values&quot;:[90,0],&quot;links&quot;:["
                + "&quot;/t/smile-dental/cashflow/payments?month=2026-10&amp;direction=out&quot;"), html);
        assertTrue(html.contains("<td><a href=\"/t/smile-dental/cashflow/payments?month=2026-11&amp;direction=in\">₹1,180.00</a></td>"), html);

        admin.get(BASE + "cashflow/payments?month=2026-11&direction=in").then().statusCode(200)
                .body(containsString("Money in, November 2026"))
                .body(containsString("<a href=\"/t/smile-dental/invoices/9\">INV/2026-27/00009</a>"))
                .body(containsString("Kaveri Traders")).body(containsString("₹1,180.00")).body(containsString("UPI-881"))
                .body(containsString("03-11-2026"));
        assertEquals("GET /api/tenants/smile-dental/cashflow/payments?direction=in&from=2026-11-01&page=1&size=20&to=2026-11-30",
                listCall("/cashflow/payments"));
        admin.get(BASE + "cashflow/payments?month=2026-10&direction=out").then().statusCode(200)
                .body(containsString("Money out, October 2026"))
                .body(containsString("<a href=\"/t/smile-dental/purchases/2\">PM/2</a>")).body(containsString("Cheque"));
        assertTrue(listCall("/cashflow/payments").contains("direction=out&from=2026-10-01") && listCall("/cashflow/payments").contains("to=2026-10-31"));
    }

    @Test
    void aMonthOrDirectionNotUnderstoodIsNotFoundWithoutAskingTheApi() {
        admin.get(BASE + "cashflow/payments?month=2026-13&direction=in").then().statusCode(404);
        admin.get(BASE + "cashflow/payments?month=2026-11&direction=sideways").then().statusCode(404);
        admin.get(BASE + "cashflow/payments?direction=in").then().statusCode(404);
        assertTrue(CashFlowStubGateway.CALLS.stream().noneMatch(c -> c.contains("/cashflow/payments")), CashFlowStubGateway.CALLS.toString());
    }

    @Test
    void anUnknownBucketIsNotFoundWithoutAskingTheList() {
        admin.get(BASE + "cashflow/invoices?ageing=30-60").then().statusCode(404).body(containsString("0-30, 31-60, 61-90 or 90+"));
        admin.get(BASE + "cashflow/purchases").then().statusCode(404);
        assertTrue(CashFlowStubGateway.CALLS.stream().noneMatch(c -> c.contains("/invoices?") || c.contains("/purchases?")),
                CashFlowStubGateway.CALLS.toString());
    }

    private static String listCall(String list) {
        return CashFlowStubGateway.CALLS.stream().filter(c -> c.startsWith("GET /api/tenants/smile-dental" + list + "?"))
                .reduce((first, last) -> last).orElse("none");
    }
}
