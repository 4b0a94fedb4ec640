package io.ipsc.invoicing;


import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Waiting for effects of events, which arrive shortly after. */
final class InvoicingTestSupport {

    private InvoicingTestSupport() {
    }

    static void eventually(Runnable check) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(check::run);
    }
}
