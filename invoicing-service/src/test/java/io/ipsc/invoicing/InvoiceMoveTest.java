package io.ipsc.invoicing;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static io.ipsc.invoicing.InvoicingTest.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 20 in invoicing: a tenant moved from cluster main to second while invoices are issued on it. Every invoice
 * issued is on second, and the numbers stay gapless across the switch (the number counter moves as data; nothing
 * is issued twice or skipped).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "test-tokens", value = "true"), @ResourceArg(name = "clusters", value = "2")})
class InvoiceMoveTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long ADMIN = 93;

    @Test
    void invoicesIssuedThroughoutAMoveAreAllOnTheNewClusterAndTheirNumbersGapless() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Snapshot tenant = TenantEventsPublisher.snapshot("inv-moving-" + run, "business").member(ADMIN, "admin");
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(tenant);
            TenantEventsPublisher.awaitReport(tenant.slug(), "invoicing", "PROVISIONED", tenant.version(), WAIT);
            int customer = InvoicingTest.customer(tenant.slug(), ADMIN, Map.of("name", "Pune Retail", "state", "Maharashtra",
                    "address_line1", "14 FC Road", "city", "Pune", "pincode", "411004"));
            int product = InvoicingTest.product(tenant.slug(), ADMIN, "MOVE-" + run, "100", "18", "100000");

            List<String> issued = new CopyOnWriteArrayList<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean issuing = new AtomicBoolean(true);
            Thread clerk = new Thread(() -> {
                while (issuing.get()) {
                    try {
                        issued.add(InvoicingTest.issue(tenant.slug(), ADMIN, customer, product, "2024-07-15"));
                    } catch (AssertionError e) {
                        failures.add(e.getMessage());
                    }
                }
            }, "invoicing-clerk");
            clerk.start();
            Awaitility.await().atMost(WAIT).until(() -> issued.size() >= 5);
            events.publish(tenant.movedTo("second"));
            JsonNode switched = TenantEventsPublisher.awaitReport(tenant.slug(), "invoicing", "PROVISIONED", tenant.version(), WAIT);
            assertEquals("second", switched.path("cluster").asText());
            int atSwitch = issued.size();
            Awaitility.await().atMost(WAIT).until(() -> issued.size() >= atSwitch + 5);
            issuing.set(false);
            clerk.join(WAIT.toMillis());

            assertEquals(List.of(), failures, "every invoice was created and issued (the switch's pause is shorter than the bound)");
            // Numbered 1, 2, 3, ... in the order they were issued, across the switch: no gap, no repeat.
            List<Integer> numbers = issued.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('/') + 1))).toList();
            assertEquals(IntStream.rangeClosed(1, issued.size()).boxed().toList(), numbers, issued.toString());
            String database = "tenant_" + tenant.slug().replace('-', '_') + "_invoicing";
            assertEquals(issued, numbersOn(EmbeddedServers.get().secondJdbcUrl(database)), "every issued invoice is on second, and only they");
            as(ADMIN, tenant.slug()).get("/api/tenant-database").then().statusCode(200).body("data.cluster", is("second"));
        }
    }

    private static List<String> numbersOn(String url) throws Exception {
        List<String> numbers = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY id")) {
            while (rs.next()) {
                numbers.add(rs.getString(1));
            }
        }
        return numbers;
    }
}
