package io.ipsc.tenancy.db.provisioning;

import io.ipsc.tenancy.db.ServiceIdentity;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpareDatabasesTest {

    @Test
    void aFailedRefillWaitsLongerEachTimeUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(5), SpareDatabases.backoffAfter(1));
        assertEquals(Duration.ofSeconds(10), SpareDatabases.backoffAfter(2));
        assertEquals(Duration.ofSeconds(160), SpareDatabases.backoffAfter(6));
        assertEquals(SpareDatabases.LONGEST_BACKOFF, SpareDatabases.backoffAfter(7));
        assertEquals(SpareDatabases.LONGEST_BACKOFF, SpareDatabases.backoffAfter(1_000));
    }

    @Test
    void aNegativeRefillDelayMeansAtOnceAndTheTestsConstructorRefillsAtOnce() {
        ServiceIdentity service = new ServiceIdentity("invoicing", "ipsc_t_");
        assertEquals(Duration.ZERO, new SpareDatabases(service, 2, Duration.ofSeconds(-1)).refillDelay());
        assertEquals(Duration.ZERO, new SpareDatabases(service, 2).refillDelay());
        assertEquals(Duration.ofSeconds(10), new SpareDatabases(service, 2, Duration.ofSeconds(10)).refillDelay());
        assertEquals(0, new SpareDatabases(service, -3).wanted());
    }
}
