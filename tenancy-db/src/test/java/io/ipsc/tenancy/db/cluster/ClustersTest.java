package io.ipsc.tenancy.db.cluster;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClustersTest {

    @Test
    void mainIsTheOneClusterOfAnInstallationThatSaysNothingNew() {
        Clusters clusters = clusters(Map.of("ipsc.pg.host", "pg.internal", "ipsc.pg.port", "5433",
                "ipsc.pg.user", "ipsc", "ipsc.pg.password", "secret"));

        assertEquals(Optional.of(new ClusterAddress("main", "pg.internal", 5433, "ipsc", "secret")), clusters.address("main"));
        assertEquals(Set.of(), clusters.missing());
        assertEquals(1, clusters.reachable().size());
    }

    @Test
    void anotherClusterIsItsOwnKeysWithMainsCredentialsByDefault() {
        Clusters clusters = clusters(Map.of("ipsc.pg.host", "pg-main", "ipsc.pg.port", "5432", "ipsc.pg.user", "ipsc",
                "ipsc.pg.password", "main-secret", "ipsc.clusters", "main,second",
                "ipsc.clusters.second.host", "pg-second", "ipsc.clusters.second.password", "second-secret"));

        assertEquals(Optional.of(new ClusterAddress("second", "pg-second", 5432, "ipsc", "second-secret")), clusters.address("second"));
        assertEquals(Set.of(), clusters.missing());
        assertEquals(2, clusters.reachable().size());
        assertEquals("second", clusters.admin("second").cluster());
    }

    @Test
    void aClusterNamedWithoutAnAddressIsMissingWhetherConfiguredOrHeardOf() {
        Clusters clusters = clusters(Map.of("ipsc.clusters", "main,second"));

        assertEquals(Set.of("second"), clusters.missing());
        clusters.registered("third");
        assertEquals(Set.of("second", "third"), clusters.missing());
        UnknownClusterException refused = assertThrows(UnknownClusterException.class, () -> clusters.require("third"));
        assertTrue(refused.getMessage().contains("IPSC_CLUSTERS_THIRD_HOST"), refused.getMessage());
    }

    @Test
    void aNameNoEnvironmentVariableCouldCarryHasNoAddress() {
        Clusters clusters = clusters(Map.of("ipsc.clusters.eu-west.host", "pg-eu"));

        assertFalse(clusters.address("eu-west").isPresent());
    }

    @Test
    void thePasswordIsNeverInAnAddressAsLogged() {
        assertFalse(new ClusterAddress("main", "h", 5432, "u", "s3cr3t").toString().contains("s3cr3t"));
    }

    private static Clusters clusters(Map<String, String> properties) {
        return new Clusters(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build());
    }
}
