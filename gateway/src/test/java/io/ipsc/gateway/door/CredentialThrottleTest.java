package io.ipsc.gateway.door;

import io.ipsc.tenancy.error.ApiException;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The throttle's memory stays bounded: a cap on addresses, and refilled buckets forgotten. */
class CredentialThrottleTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void pastTheCapNewcomersShareOneBucket() {
        // 60 a minute is one a second; a burst of 1; room for two addresses.
        CredentialThrottle throttle = new CredentialThrottle(vertx, 60, 1, 2);
        throttle.acquire("192.0.2.1");
        throttle.acquire("192.0.2.2");
        throttle.acquire("192.0.2.3");
        ApiException refused = assertThrows(ApiException.class, () -> throttle.acquire("192.0.2.4"),
                "the fourth address shares the third's bucket, which is empty");
        assertEquals(429, refused.status());
        assertEquals("RATE_LIMITED", refused.code());
        assertEquals("1", refused.headers().get("Retry-After"));
        assertEquals(3, throttle.tracked(), "two addresses and the shared bucket");
    }

    @Test
    void aBucketThatHasRefilledIsForgotten() {
        long[] now = {0};
        CredentialThrottle throttle = new CredentialThrottle(vertx, 60, 1, 100, () -> now[0]);
        throttle.acquire("192.0.2.1");
        throttle.forgetRefilled();
        assertEquals(1, throttle.tracked(), "an empty bucket is remembered");
        now[0] += 999_000_000L;
        throttle.forgetRefilled();
        assertEquals(1, throttle.tracked(), "a millisecond short of a second it is not full yet");
        now[0] += 1_000_000L;
        throttle.forgetRefilled();
        assertEquals(0, throttle.tracked(), "one second later it is full again, as good as new");
    }
}
