package io.ipsc.invoicing;

import java.time.Duration;

/** Waiting for effects of events, which arrive shortly after. */
final class InvoicingTestSupport {

    private InvoicingTestSupport() {
    }

    static void eventually(Runnable check) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    throw e;
                }
            }
        }
    }
}
