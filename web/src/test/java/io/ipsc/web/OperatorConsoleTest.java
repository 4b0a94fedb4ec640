package io.ipsc.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator console against a stand-in gateway: who may open it, what it asks the API for (the
 * filters, the confirmed actions and nothing before the confirmation), and what it shows (provisioning
 * per service, the figures in Indian formats, the charts' data). The browser test on the real suite is
 * e2e's OperatorConsoleBrowserTest.
 */
@QuarkusTest
// Only this class's stand-in: each test class of this module has its own gateway, started with its app.
@QuarkusTestResource(value = OperatorStubGateway.class, restrictToAnnotatedClass = true)
class OperatorConsoleTest {

    private static final Pattern DATA_CHART = Pattern.compile("id=\"requests-chart\" data-chart=\"([^\"]+)\"");

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        OperatorStubGateway.CALLS.clear();
    }

    @Test
    void aMemberWhoIsNoPlatformAdminIsRefusedEverywhereInTheConsole() {
        Browserless member = new Browserless();
        member.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        OperatorStubGateway.CALLS.clear();
        for (String page : new String[]{"/admin", "/admin/health", "/admin/tenants/smile-dental", "/admin/insights/smile-dental/usage",
                "/admin/tenants/smile-dental/suspend", "/admin/clusters", "/admin/insights/smile-dental/placement"}) {
            member.get(page).then().statusCode(403).body(containsString("Only for platform administrators"))
                    .body(containsString(StubGateway.MEMBER));
        }
        // A forged post (with a valid CSRF token from a page the member is shown: the console's refusal, whose sign-out
        // form carries it; the start page would ask the API for the member's organisations' names) changes nothing.
        member.submit("/admin", "/admin/tenants/smile-dental/suspend", Map.of()).then().statusCode(403);
        member.submit("/admin", "/admin/insights/smile-dental/placement/move", Map.of("to_cluster", "second")).then().statusCode(403);
        member.submit("/admin", "/admin/clusters/main", Map.of("state", "closed", "capacity", "0")).then().statusCode(403);
        assertTrue(OperatorStubGateway.CALLS.isEmpty(), "nothing asked of the API: " + OperatorStubGateway.CALLS);
        member.get("/").then().statusCode(200).body(not(containsString("Operator console")));
    }

    @Test
    void theTenantListPassesItsFiltersAndPagesAndLinksEachTenant() {
        String page = admin.get("/admin?search=smile&status=active&type=dental_clinic&plan=basic").then().statusCode(200)
                .body(containsString("id=\"operator-console\"")).extract().asString();
        assertTrue(OperatorStubGateway.CALLS.contains(
                        "GET /api/tenants?organization_type=dental_clinic&page=1&plan=basic&search=smile&size=20&status=active"),
                OperatorStubGateway.CALLS.toString());
        assertTrue(page.contains("<a href=\"/admin/tenants/smile-dental\">Smile Dental Clinic</a>"), page);
        assertTrue(page.contains("<option value=\"dental_clinic\" selected>"), "the form keeps the filters");
        assertTrue(page.contains("16-01-2024 01:30"), "created shown in IST (20:00 UTC is 01:30 the next day): " + page);

        // Unknown filter values typed into the address are dropped; 42 tenants make three pages of 20.
        OperatorStubGateway.CALLS.clear();
        String all = admin.get("/admin?status=sleeping&plan=gold&page=2").then().statusCode(200).extract().asString();
        assertEquals("GET /api/tenants?page=2&size=20", OperatorStubGateway.CALLS.get(0));
        assertTrue(all.contains("42 tenants") && all.contains("Precision Manufacturing"), all);
        assertTrue(all.contains("href=\"/admin?page=2\"") || all.contains("id=\"next-page\""), "a pager: " + all);
    }

    @Test
    void anHtmxFilterGetsOnlyTheResults() {
        String fragment = given().cookies(admin.cookies).header("HX-Request", "true").get("/admin?search=smile")
                .then().statusCode(200).extract().asString();
        assertTrue(fragment.startsWith("<div id=\"tenant-results\""), fragment);
        assertFalse(fragment.contains("<html"), "no page around the results");
        assertTrue(fragment.contains("1 tenant match"), fragment);
    }

    @Test
    void aTenantsPageShowsEachServicesProvisioningAndOffersTheRetryAndTheActions() {
        String page = admin.get("/admin/tenants/smile-dental").then().statusCode(200).extract().asString();
        assertTrue(page.contains("data-service=\"dental\""), page);
        assertTrue(page.contains("could not create database: disk full"), "the failure's detail");
        assertTrue(page.contains("tenant_smile_dental_branding"), "a service with a database but no report yet is listed");
        assertTrue(page.contains("id=\"retry-provisioning\""), "a retry button when one failed");
        assertTrue(page.contains("href=\"/admin/tenants/smile-dental/suspend\"") && page.contains("href=\"/admin/tenants/smile-dental/delete\""));
        assertFalse(page.contains("/admin/tenants/smile-dental/reactivate"), "an active tenant cannot be reactivated");
        for (String part : new String[]{"usage", "performance", "database", "security"}) {
            assertTrue(page.contains("hx-get=\"/admin/insights/smile-dental/" + part + "\""), part);
        }
        assertTrue(page.contains("Loading usage…"), "says what is loading");

        admin.submit("/admin/tenants/smile-dental", "/admin/tenants/smile-dental/retry", Map.of()).then().statusCode(303)
                .header("Location", containsString("/admin/tenants/smile-dental?done=retried"));
        assertTrue(OperatorStubGateway.CALLS.contains("POST /api/tenants/smile-dental/provisioning/retry"), OperatorStubGateway.CALLS.toString());
    }

    @Test
    void suspendingHappensOnlyAfterTheConfirmation() {
        String confirmation = admin.get("/admin/tenants/smile-dental/suspend").then().statusCode(200).extract().asString();
        assertTrue(confirmation.contains("Suspend Smile Dental Clinic?") && confirmation.contains("id=\"confirm-suspend\""), confirmation);
        assertFalse(OperatorStubGateway.CALLS.stream().anyMatch(c -> c.contains("/suspend")), "opening the confirmation suspends nothing");

        admin.submit("/admin/tenants/smile-dental/suspend", "/admin/tenants/smile-dental/suspend", Map.of()).then().statusCode(303)
                .header("Location", containsString("/admin/tenants/smile-dental?done=suspended"));
        assertTrue(OperatorStubGateway.CALLS.contains("POST /api/tenants/smile-dental/suspend"), OperatorStubGateway.CALLS.toString());
        admin.get("/admin/tenants/smile-dental?done=suspended").then().statusCode(200).body(containsString("Suspended. Its members"));
        admin.get("/admin/tenants/smile-dental?done=<script>").then().statusCode(200).body(not(containsString("<script>")));
    }

    @Test
    void deletingNeedsTheSlugTyped() {
        admin.submit("/admin/tenants/smile-dental/delete", "/admin/tenants/smile-dental/delete", Map.of("confirm_slug", "smile"))
                .then().statusCode(422).body(containsString("Nothing was deleted"));
        assertFalse(OperatorStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("DELETE")), OperatorStubGateway.CALLS.toString());

        admin.submit("/admin/tenants/smile-dental/delete", "/admin/tenants/smile-dental/delete", Map.of("confirm_slug", " smile-dental "))
                .then().statusCode(303).header("Location", containsString("/admin?status=deleted&deleted=smile-dental"));
        assertTrue(OperatorStubGateway.CALLS.contains("DELETE /api/tenants/smile-dental"), OperatorStubGateway.CALLS.toString());
    }

    @Test
    void aPlanChangeSendsThePlanAndOnlyTheLimitsTyped() {
        admin.submit("/admin/tenants/smile-dental", "/admin/tenants/smile-dental/plan",
                        Map.of("plan", "premium", "max_users", "zero", "max_products", "", "max_transactions_per_month", ""))
                .then().statusCode(422).body(containsString("A whole number above zero"));
        assertFalse(OperatorStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("PUT")), OperatorStubGateway.CALLS.toString());

        admin.submit("/admin/tenants/smile-dental", "/admin/tenants/smile-dental/plan",
                        Map.of("plan", "premium", "max_users", "25", "max_products", "", "max_transactions_per_month", ""))
                .then().statusCode(303).header("Location", containsString("done=plan"));
        String put = OperatorStubGateway.CALLS.stream().filter(c -> c.startsWith("PUT")).findFirst().orElseThrow();
        assertTrue(put.startsWith("PUT /api/tenants/smile-dental/subscription {"), put);
        assertTrue(put.contains("\"plan\":\"premium\"") && put.contains("\"max_users\":25"), put);
        assertFalse(put.matches(".*\"max_products\":\\d.*"), "an empty limit is not sent as a number: " + put);
    }

    @Test
    void thePerformanceFragmentCarriesBothChartsData() throws Exception {
        String fragment = admin.get("/admin/insights/smile-dental/performance").then().statusCode(200).extract().asString();
        assertTrue(fragment.contains("1,50,000"), "counts in lakh grouping: " + fragment);
        Matcher chart = DATA_CHART.matcher(fragment);
        assertTrue(chart.find(), fragment);
        JsonNode spec = new ObjectMapper().readTree(chart.group(1).replace("&quot;", "\""));
        assertEquals("[\"dental\",\"invoicing\"]", spec.path("labels").toString());
        assertEquals("[0,3]", spec.path("series").get(0).path("values").toString(), "no request in 5 minutes is zero");
        assertEquals("[1000,149000]", spec.path("series").get(1).path("values").toString());
        assertTrue(fragment.contains("id=\"latency-chart\""), fragment);
    }

    @Test
    void theOtherViewsShowTheirFiguresAndSayWhatIsMissing() {
        admin.get("/admin/insights/smile-dental/usage").then().statusCode(200)
                .body(containsString("9 of 10 · 90.0 %")).body(containsString("12,34,567 of unlimited"))
                .body(containsString("<meter min=\"0\" max=\"10\" high=\"8\" optimum=\"0\" value=\"9\">"))
                .body(containsString("7.9 MB"));
        admin.get("/admin/insights/smile-dental/database").then().statusCode(200)
                .body(containsString("98.8 %")).body(containsString("size 5, in use 1"))
                .body(containsString("No such database on this server"))
                .body(containsString("pg_stat_statements is not loaded"));
        admin.get("/admin/insights/smile-dental/security").then().statusCode(200)
                .body(containsString("Failed sign-ins")).body(containsString("02-06-2024 01:30"))
                .body(containsString("&lt;b&gt;wrong&lt;/b&gt; password"));
        admin.get("/admin/insights/no-such-tenant/usage").then().statusCode(200).body(containsString("Usage cannot be shown now: No tenant here"));
    }

    @Test
    void aTenantsClusterSectionOffersTheOpenClustersWithRoomAndItsEarlierMoves() {
        admin.get("/admin/tenants/smile-dental").then().statusCode(200)
                .body(containsString("hx-get=\"/admin/insights/smile-dental/placement\""));
        String section = admin.get("/admin/insights/smile-dental/placement").then().statusCode(200).extract().asString();
        assertTrue(section.contains("Its databases are on <strong id=\"tenant-cluster\">main</strong>"), section);
        assertTrue(section.contains("<option value=\"second\">second · 99,997 free places</option>"), section);
        assertFalse(section.contains("value=\"old\""), "a closed cluster is no choice: " + section);
        assertFalse(section.contains("value=\"main\""), "nor its own cluster: " + section);
        // Earlier moves, newest first: the failed one with its reason and how long it ran.
        assertTrue(section.indexOf("dental: could not copy: no space left") < section.indexOf("switched"), section);
        assertTrue(section.contains("1 min 12 s") && section.contains("<td>4 s</td>"), section);
        assertFalse(section.contains("hx-trigger=\"load delay:2s\""), "nothing to follow when no move runs");
    }

    @Test
    void aMoveIsStartedFromTheTenantsPageAndARefusalIsSaidInItsPlace() {
        String started = admin.submit("/admin/insights/smile-dental/placement", "/admin/insights/smile-dental/placement/move",
                Map.of("to_cluster", "second")).then().statusCode(200).extract().asString();
        assertTrue(OperatorStubGateway.CALLS.contains("POST /api/tenants/smile-dental/move {\"to_cluster\":\"second\"}"),
                OperatorStubGateway.CALLS.toString());
        assertTrue(started.contains("The move to second has started."), started);

        OperatorStubGateway.CALLS.clear();
        String refused = admin.submit("/admin/insights/smile-dental/placement", "/admin/insights/smile-dental/placement/move",
                Map.of("to_cluster", "old")).then().statusCode(200).extract().asString();
        assertTrue(refused.contains("Cluster old is closed: it takes no tenants. Nothing was moved."), refused);

        OperatorStubGateway.CALLS.clear();
        admin.submit("/admin/insights/smile-dental/placement", "/admin/insights/smile-dental/placement/move", Map.of("to_cluster", " "))
                .then().statusCode(200).body(containsString("Choose the cluster to move it to. Nothing was moved."));
        assertFalse(OperatorStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("POST")), OperatorStubGateway.CALLS.toString());
    }

    @Test
    void aMoveUnderWayShowsEachServicesStepAndFollowsItselfUntilItEnds() {
        String section = admin.get("/admin/insights/precision-mfg/placement").then().statusCode(200).extract().asString();
        assertTrue(section.contains("Moving from <strong>main</strong> to <strong>second</strong>"), section);
        assertTrue(section.contains("hx-get=\"/admin/insights/precision-mfg/placement\" hx-trigger=\"load delay:2s\""), section);
        assertTrue(section.contains("<li class=\"done\" data-service=\"branding\"><span class=\"service\">branding</span> <span class=\"state\">switched</span>"),
                section);
        assertTrue(section.contains("<span class=\"state\">catching up</span>") && section.contains("<span class=\"state\">copying</span>"), section);
        assertFalse(section.contains("id=\"move-tenant\""), "no second move while one runs: " + section);
    }

    @Test
    void theClustersPageShowsHowFullEachIsAndChangesOneAsTyped() {
        String page = admin.get("/admin/clusters").then().statusCode(200).extract().asString();
        assertTrue(page.contains("aria-current=\"page\">Database clusters</a>"), page);
        assertTrue(page.contains("42 of 500 organisations · 458 free places"), page);
        assertTrue(page.contains("<meter min=\"0\" max=\"100\" high=\"90\" optimum=\"0\" value=\"8\""), "42 of 500 is 8 % full: " + page);
        assertTrue(page.contains("3 of 1,00,000 organisations"), "counts in lakh grouping: " + page);

        admin.submit("/admin/clusters", "/admin/clusters/main", Map.of("state", "open", "capacity", "1")).then().statusCode(409)
                .body(containsString("main holds 42 tenants, more than the capacity asked (1)"))
                .body(containsString("id=\"capacity-main\" name=\"capacity\" type=\"text\" inputmode=\"numeric\" value=\"1\""));
        admin.submit("/admin/clusters", "/admin/clusters/main", Map.of("state", "open", "capacity", "many")).then().statusCode(422)
                .body(containsString("How many tenants it may hold: a whole number, 0 or more"));

        OperatorStubGateway.CALLS.clear();
        admin.submit("/admin/clusters", "/admin/clusters/main", Map.of("state", "draining", "capacity", "500")).then().statusCode(303)
                .header("Location", containsString("/admin/clusters?done=changed"));
        assertTrue(OperatorStubGateway.CALLS.contains("PUT /api/database/clusters/main {\"state\":\"draining\",\"capacity\":500}"),
                OperatorStubGateway.CALLS.toString());
    }

    @Test
    void aClusterIsAddedAsTypedAndARefusalKeepsTheForm() {
        admin.submit("/admin/clusters", "/admin/clusters", Map.of("name", "", "state", "closed", "capacity", "50")).then().statusCode(422)
                .body(containsString("Name the cluster"));
        admin.submit("/admin/clusters", "/admin/clusters", Map.of("name", "main", "state", "closed", "capacity", "50")).then().statusCode(409)
                .body(containsString("A cluster named main exists already"));
        assertTrue(OperatorStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/database/clusters")).count() == 1,
                "the empty name was not sent: " + OperatorStubGateway.CALLS);

        admin.submit("/admin/clusters", "/admin/clusters", Map.of("name", " EU2 ", "state", "closed", "capacity", "50")).then().statusCode(303)
                .header("Location", containsString("/admin/clusters?done=added"));
        assertTrue(OperatorStubGateway.CALLS.contains("POST /api/database/clusters {\"name\":\"eu2\",\"state\":\"closed\",\"capacity\":50}"),
                OperatorStubGateway.CALLS.toString());
        admin.get("/admin/clusters?done=added").then().statusCode(200).body(containsString("Open it once every service has its address."));
    }

    @Test
    void systemHealthShowsEveryServicesState() {
        admin.get("/admin/health").then().statusCode(200)
                .body(containsString("degraded")).body(containsString("data-service=\"dental\""))
                .body(containsString("unreachable")).body(containsString("Connection refused"))
                .body(containsString("1 d 3 h")).body(containsString("42 of at most 100"));
    }

    @Test
    void theChartsScriptAndEchartsAreServedFromHere() {
        given().get("/static/charts.js").then().statusCode(200).body(containsString("data-chart"));
        given().get("/webjars/echarts/dist/echarts.min.js").then().statusCode(200).body(containsString("echarts"));
    }

    @Test
    void signedOutTheConsoleSendsToSignIn() {
        Response r = given().redirects().follow(false).get("/admin/tenants/smile-dental");
        r.then().statusCode(303).header("Location", containsString("/sign-in?then=%2Fadmin%2Ftenants%2Fsmile-dental"));
    }
}
