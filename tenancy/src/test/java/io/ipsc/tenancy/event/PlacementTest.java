package io.ipsc.tenancy.event;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.api.JsonConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlacementTest {

    private final ObjectMapper json = mapper();

    @Test
    void aSnapshotWrittenBeforePlacementReadsAsMainVersionZero() throws Exception {
        // A record as tenant-service wrote it before snapshots carried a placement (still on the compacted topic).
        String old = """
                {"event_type":"TENANT_CREATED","id":7,"slug":"smile","name":"Smile","organization_type":"dental_clinic",
                 "status":"active","features":{},"subscription":null,"members":{},"gstin":null,"state":null,
                 "version":3,"occurred_at":"2026-11-01T10:00:00Z"}""";

        TenantSnapshot snapshot = json.readValue(old, TenantSnapshot.class);

        assertEquals(new Placement("main", 0), snapshot.placement());
    }

    @Test
    void aPlacementSurvivesTheRoundTrip() throws Exception {
        TenantSnapshot snapshot = new TenantSnapshot(TenantEventType.TENANT_CREATED, 7, "smile", "Smile", "dental_clinic",
                "active", Map.of(), null, Map.of(), null, null, 3, Instant.parse("2026-11-01T10:00:00Z"),
                new Placement("second", 2));

        String written = json.writeValueAsString(snapshot);

        assertTrue(written.contains("\"placement\":{\"cluster\":\"second\",\"version\":2}"), written);
        // Read as the followers read (the record's derived properties, e.g. "deleted", are written too).
        ObjectMapper follower = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        assertEquals(new Placement("second", 2), follower.readValue(written, TenantSnapshot.class).placement());
    }

    @Test
    void aProvisioningReportWithoutClusterMeansMain() throws Exception {
        String old = """
                {"tenant":"smile","service":"branding","status":"PROVISIONED","schema_version":"3","detail":null,
                 "tenant_version":3,"reported_at":"2026-11-01T10:00:00Z"}""";

        assertEquals("main", json.readValue(old, ProvisioningReport.class).cluster());
    }

    @Test
    void clusterNamesMapToEnvironmentVariables() {
        assertTrue(Placement.isClusterName("main"));
        assertTrue(Placement.isClusterName("second2"));
        assertFalse(Placement.isClusterName("eu-west"), "a dash cannot be in an environment variable name");
        assertFalse(Placement.isClusterName("Second"));
        assertFalse(Placement.isClusterName("2nd"));
        assertFalse(Placement.isClusterName("a".repeat(32)));
        assertFalse(Placement.isClusterName(null));
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        new JsonConfiguration().customize(mapper);
        return mapper;
    }
}
