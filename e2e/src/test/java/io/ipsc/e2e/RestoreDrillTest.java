package io.ipsc.e2e;

import io.ipsc.local.StateDir;
import io.ipsc.local.backup.LocalBackups;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22's restore drill, in {@code ./ipsc drills}: invoices are issued without pause while
 * {@code ./ipsc backup} copies the running suite; the suite is then destroyed (processes stopped, its
 * PostgreSQL and Kafka data deleted), a new one is started from the backup alone, and it must hold
 * every invoice whose issue was answered before the backup began, number on without a gap or a
 * duplicate, and have every tenant active again (its Kafka is new and empty: tenant-service publishes
 * every tenant again, and the services serve them from their restored databases).
 * <p>
 * It runs two suites of its own, one after the other, not the shared one of the other drills.
 */
@Tag("drill")
class RestoreDrillTest {

    private static final String SLUG = "drill-restore";
    private static final int BEFORE_BACKUP = 15;

    /** An invoice whose issue was answered 200, and when the answer came. */
    private record Issued(String number, Instant answeredAt) {
    }

    @Test
    void aSuiteRestoredFromABackupTakenUnderLoadHasEveryAcknowledgedInvoiceAndNumbersOn() throws Exception {
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        java.nio.file.Path backupFolder = LocalSuite.targetFolder("ipsc-restore-drill-" + run + "-backup");
        List<Issued> issued = new CopyOnWriteArrayList<>();
        Instant backupStarted;
        Set<String> tenantsBefore;

        try (LocalSuite original = LocalSuite.start()) {
            String admin = original.adminToken();
            Tenants tenants = new Tenants(original, admin);
            // Enterprise: the free plan's monthly invoice quota would stop the writer long before the backup ends.
            Map<String, Object> tenant = new HashMap<>(Tenants.business(SLUG));
            tenant.put("subscription_plan", "enterprise");
            tenants.create(tenant).then().statusCode(201);
            tenants.awaitActive(List.of(SLUG));
            tenantsBefore = new TreeSet<>(tenants.listedSlugs());
            Ids ids = Ids.create(original, admin);

            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    String number = ids.issueOne(original, admin);
                    if (number != null) {
                        issued.add(new Issued(number, Instant.now()));
                    }
                    // A clerk's pace, many times over: steady writes through the copy, without starving the copy of CPU.
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "restore-drill-writer");
            writer.start();
            await(BEFORE_BACKUP + " invoices issued before the backup").atMost(Tenants.ACTIVE_TIMEOUT).ignoreExceptions().until(
                    () -> issued.size() >= BEFORE_BACKUP);

            backupStarted = Instant.now();
            original.backup(backupFolder);
            int duringBackup = (int) issued.stream().filter(i -> i.answeredAt().isAfter(backupStarted)).count();
            // A few more after the copy: these may or may not be in it, but must never break what is.
            int atCopyEnd = issued.size();
            await("invoices issued after the backup").atMost(Tenants.ACTIVE_TIMEOUT).ignoreExceptions().until(() -> issued.size() >= atCopyEnd + 3);
            writing.set(false);
            writer.join();
            System.out.printf("restore drill: %d invoices issued, %d of them answered during the backup%n", issued.size(), duringBackup);
        }
        // The original suite is gone: its processes stopped and its PostgreSQL and Kafka data deleted.

        StateDir restoredState = new StateDir(LocalSuite.targetFolder("ipsc-restore-drill-" + run + "-restored"));
        LocalBackups.restore(backupFolder, restoredState);
        try (LocalSuite restored = LocalSuite.start(restoredState)) {
            // The admin's credentials came back with the backup: the same e-mail and password sign in.
            String admin = restored.adminToken();
            Tenants tenants = new Tenants(restored, admin);
            tenants.awaitActive(tenantsBefore);
            assertEquals(tenantsBefore, new TreeSet<>(tenants.listedSlugs()), "every tenant is back, and no other");

            String database = "tenant_" + SLUG.replace('-', '_') + "_invoicing";
            Set<String> present = new TreeSet<>(Sql.column(restored, database, "SELECT number FROM invoices WHERE number IS NOT NULL"));
            List<String> acknowledgedBefore = issued.stream().filter(i -> i.answeredAt().isBefore(backupStarted)).map(Issued::number).toList();
            assertTrue(acknowledgedBefore.size() >= BEFORE_BACKUP);
            for (String number : acknowledgedBefore) {
                assertTrue(present.contains(number), number + " was acknowledged before the backup began and is missing after the restore");
            }
            List<Integer> sequence = present.stream().map(RestoreDrillTest::serial).sorted().toList();
            assertEquals(IntStream.rangeClosed(1, sequence.size()).boxed().toList(), sequence, "gapless, no duplicate: " + present);

            // Through the gateway, as the tenant's people would: the restored suite issues the next number.
            Ids ids = Ids.find(restored, admin);
            String next = ids.issueOne(restored, admin);
            assertEquals(sequence.size() + 1, serial(next), "the number after the restored ones: " + next);
            System.out.printf("restore drill: %d invoices restored (%d acknowledged before the backup), next number %s%n",
                    present.size(), acknowledgedBefore.size(), next);
        }
    }

    private static int serial(String number) {
        return Integer.parseInt(number.substring(number.lastIndexOf('/') + 1));
    }

    /** The product and customer the drill's invoices use. */
    private record Ids(int product, int customer) {

        static Ids create(LocalSuite suite, String admin) {
            String base = "/api/tenants/" + SLUG;
            int product = Api.as(admin, suite.gatewayUrl()).body(Map.of("sku", "NUT", "name", "Hex nut", "hsn_sac", "7318",
                    "price", "4.00", "gst_rate", 18, "stock_quantity", 100000)).post(base + "/products").then().statusCode(201)
                    .extract().path("data.id");
            int customer = Api.as(admin, suite.gatewayUrl()).body(Map.of("name", "Mysuru Traders", "state", "Karnataka"))
                    .post(base + "/customers").then().statusCode(201).extract().path("data.id");
            return new Ids(product, customer);
        }

        static Ids find(LocalSuite suite, String admin) {
            String base = "/api/tenants/" + SLUG;
            int product = Api.as(admin, suite.gatewayUrl()).get(base + "/products").then().statusCode(200).extract().path("data.items[0].id");
            int customer = Api.as(admin, suite.gatewayUrl()).get(base + "/customers").then().statusCode(200).extract().path("data.items[0].id");
            return new Ids(product, customer);
        }

        /** Drafts and issues one invoice; its number, or null when either step was not answered with success. */
        String issueOne(LocalSuite suite, String admin) {
            String base = "/api/tenants/" + SLUG;
            try {
                Response draft = Api.as(admin, suite.gatewayUrl()).body(Map.of("customer_id", customer, "invoice_date", "2024-07-01",
                        "lines", List.of(Map.of("product_id", product, "quantity", 1)))).post(base + "/invoices");
                if (draft.statusCode() != 201) {
                    return null;
                }
                int id = draft.path("data.id");
                Response issue = Api.as(admin, suite.gatewayUrl()).post(base + "/invoices/" + id + "/issue");
                return issue.statusCode() == 200 ? issue.path("data.number") : null;
            } catch (RuntimeException e) {
                // A request cut by the suite going down: not acknowledged, so not counted.
                return null;
            }
        }
    }
}
