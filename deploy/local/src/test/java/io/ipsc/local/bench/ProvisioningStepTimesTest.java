package io.ipsc.local.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The provisioning bench's reading of the services' step timers, and the start-up bench's of the ready summary. */
class ProvisioningStepTimesTest {

    private static final String BEFORE = """
            # TYPE ipsc_provisioning_step_seconds summary
            ipsc_provisioning_step_seconds_count{step="copy"} 2.0
            ipsc_provisioning_step_seconds_sum{step="copy"} 0.4
            ipsc_provisioning_step_seconds_count{step="report"} 2.0
            ipsc_provisioning_step_seconds_sum{step="report"} 0.04
            ipsc_provisioning_step_seconds_max{step="report"} 0.03
            """;
    private static final String AFTER = """
            ipsc_provisioning_step_seconds_count{step="copy"} 3.0
            ipsc_provisioning_step_seconds_sum{step="copy"} 0.7
            ipsc_provisioning_step_seconds_count{step="spare"} 9.0
            ipsc_provisioning_step_seconds_sum{step="spare"} 0.09
            ipsc_provisioning_step_seconds_count{step="report"} 12.0
            ipsc_provisioning_step_seconds_sum{step="report"} 0.24
            """;

    @Test
    void theMeansAreThoseOfThePhaseAloneInTheOrderAConvergenceRunsThem() {
        Map<String, String> means = ProvisioningStepTimes.meansBetween(
                Map.of("invoicing", ProvisioningStepTimes.parse(BEFORE), "branding", ProvisioningStepTimes.parse(BEFORE)),
                Map.of("invoicing", ProvisioningStepTimes.parse(AFTER),
                        "branding", ProvisioningStepTimes.parse(BEFORE)));
        // copy: one more, 0.3 s; spare: 9 new, 10 ms each; report: 10 more, 0.2 s in all. branding ran nothing since.
        assertEquals(Map.of("invoicing", "spare 10 ms, copy 300 ms, report 20 ms"), means);
    }

    @Test
    void theStartUpsOwnSplitIsReadFromTheReadySummary() {
        assertEquals("21.5 s (PostgreSQL 1.0 s, Kafka 2.1 s)",
                StartupBenchmark.startedIn("  Kafka:  127.0.0.1:19092\n  Started in:  21.5 s (PostgreSQL 1.0 s, Kafka 2.1 s)\n\nStop with"));
        assertEquals("not printed", StartupBenchmark.startedIn("ipsc: not ready"));
    }
}
