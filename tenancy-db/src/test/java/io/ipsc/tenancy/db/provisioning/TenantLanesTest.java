package io.ipsc.tenancy.db.provisioning;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provisioner's workers: a tenant's work in order and alone, the tenants side by side on every worker. */
class TenantLanesTest {

    private final TenantLanes lanes = new TenantLanes("test-lanes", 4);

    @AfterEach
    void stop() {
        lanes.shutdownNow();
    }

    @Test
    void aTenantsTasksRunInTheOrderGivenAndNeverTwoAtOnce() throws Exception {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(5 * 50);
        for (int i = 0; i < 50; i++) {
            for (int t = 0; t < 5; t++) {
                String tenant = "t" + t;
                int n = i;
                lanes.execute(tenant, () -> {
                    if (running.computeIfAbsent(tenant, k -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.computeIfAbsent(tenant, k -> Collections.synchronizedList(new ArrayList<>())).add(n);
                    Thread.yield();
                    running.get(tenant).decrementAndGet();
                    done.countDown();
                });
            }
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get(), "one tenant's tasks overlapped");
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i);
        }
        seen.values().forEach(order -> assertEquals(expected, order));
    }

    @Test
    void aBurstOfTenantsUsesEveryWorkerWhileOneTenantWaits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch othersAtOnce = new CountDownLatch(3);
        // The first tenant holds a worker; its next task must wait for it, the other tenants must not.
        lanes.execute("slow", () -> await(release));
        AtomicInteger slowSecond = new AtomicInteger();
        lanes.execute("slow", slowSecond::incrementAndGet);
        for (String tenant : List.of("a", "b", "c")) {
            lanes.execute(tenant, () -> {
                othersAtOnce.countDown();
                await(release);
            });
        }
        // All three blocked at once beside the slow tenant: four workers busy, whatever the slugs hash to.
        assertTrue(othersAtOnce.await(10, TimeUnit.SECONDS), "the other tenants did not get the free workers");
        assertEquals(0, slowSecond.get(), "a tenant's second task ran before its first ended");
        release.countDown();
        CountDownLatch after = new CountDownLatch(1);
        lanes.execute("slow", after::countDown);
        assertTrue(after.await(10, TimeUnit.SECONDS));
        assertEquals(1, slowSecond.get());
    }

    @Test
    void aTaskThatThrowsDoesNotStopItsTenantsLaterOnes() throws Exception {
        CountDownLatch later = new CountDownLatch(1);
        lanes.execute("t", () -> {
            throw new IllegalStateException("boom");
        });
        lanes.execute("t", later::countDown);
        assertTrue(later.await(10, TimeUnit.SECONDS));
    }

    @Test
    void nothingIsTakenOnceShutDown() {
        lanes.shutdownNow();
        assertThrows(RejectedExecutionException.class, () -> lanes.execute("t", () -> { }));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
