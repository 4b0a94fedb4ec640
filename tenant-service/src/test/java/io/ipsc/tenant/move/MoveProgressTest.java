package io.ipsc.tenant.move;

import io.ipsc.tenancy.event.ProvisioningReport.Status;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the services' reports add up to a move's state, without Quarkus. */
class MoveProgressTest {

    private static final Set<String> CLINIC = Set.of("invoicing", "branding", "dental");

    @Test
    void eachReportSaysWhereTheServiceIsOnTheWayToTheTarget() {
        assertEquals(Optional.of("copying"), MoveProgress.stateOf(Status.COPYING, "main", "second"));
        assertEquals(Optional.of("catching_up"), MoveProgress.stateOf(Status.CATCHING_UP, "main", "second"));
        assertEquals(Optional.of("switched"), MoveProgress.stateOf(Status.PROVISIONED, "second", "second"));
        assertEquals(Optional.of("failed"), MoveProgress.stateOf(Status.FAILED, "main", "second"));
        // Provisioned where it was is no step of the move; nor is an archived database.
        assertEquals(Optional.empty(), MoveProgress.stateOf(Status.PROVISIONED, "main", "second"));
        assertEquals(Optional.empty(), MoveProgress.stateOf(Status.DEPROVISIONED, "main", "second"));
    }

    @Test
    void switchedOnlyWhenEveryNeededServiceIs() {
        assertEquals("moving", MoveProgress.outcome(CLINIC, Map.of()));
        assertEquals("moving", MoveProgress.outcome(CLINIC, Map.of("invoicing", "switched", "branding", "switched", "dental", "catching_up")));
        assertEquals("switched", MoveProgress.outcome(CLINIC, Map.of("invoicing", "switched", "branding", "switched", "dental", "switched")));
        // A service the tenant does not need (manufacturing, its feature off) neither holds the move up nor fails it.
        assertEquals("switched", MoveProgress.outcome(Set.of("invoicing", "branding"),
                Map.of("invoicing", "switched", "branding", "switched", "manufacturing", "failed")));
    }

    @Test
    void oneNeededServiceFailingFailsTheMoveWhateverTheOthersDid() {
        assertEquals("failed", MoveProgress.outcome(CLINIC, Map.of("invoicing", "switched", "branding", "switched", "dental", "failed")));
        assertEquals("failed", MoveProgress.outcome(CLINIC, Map.of("dental", "failed")));
    }
}
