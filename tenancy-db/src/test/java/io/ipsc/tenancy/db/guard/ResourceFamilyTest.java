package io.ipsc.tenancy.db.guard;

import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourceFamilyTest {

    @Path("/api/dental-supplies")
    static class Supplies {
        @Path("/{id}/receipts")
        public void receive() {
        }

        public void create() {
        }
    }

    @Path("/api/patients/{patientId}/treatment-plan")
    static class TreatmentPlan {
        public void plan() {
        }
    }

    /** A class that leaves its family to its methods. */
    @Path("/api")
    static class Mixed {
        @Path("reports/gstr1")
        public void gstr1() {
        }
    }

    @Test
    void theFamilyIsTheFirstSegmentAfterApiOfTheDeclaredTemplate() throws Exception {
        assertEquals("dental-supplies", ResourceFamily.of(Supplies.class, Supplies.class.getMethod("receive")));
        assertEquals("dental-supplies", ResourceFamily.of(Supplies.class, Supplies.class.getMethod("create")));
        assertEquals("patients", ResourceFamily.of(TreatmentPlan.class, TreatmentPlan.class.getMethod("plan")));
        assertEquals("reports", ResourceFamily.of(Mixed.class, Mixed.class.getMethod("gstr1")));
        assertEquals("dental-supplies", ResourceFamily.of(Supplies.class, null));
    }

    @Test
    void pathsOutsideApiAreTheirFirstSegment() {
        assertEquals("tenant-database", ResourceFamily.family("/api/tenant-database"));
        assertEquals("metrics", ResourceFamily.family("metrics/x"));
        assertEquals("api", ResourceFamily.family("/api"));
        assertEquals("", ResourceFamily.family("/"));
    }
}
