package io.ipsc.invoicing;

import io.ipsc.testsupport.Eventually;

import java.time.Duration;

/** Waiting for effects of events, which arrive shortly after. */
final class InvoicingTestSupport {

    private InvoicingTestSupport() {
    }

    static void eventually(Runnable check) {
        Eventually.passes(Duration.ofSeconds(60), check);
    }
}
