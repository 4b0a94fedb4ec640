package io.ipsc.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchConfigTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void runsWithNoConfigurationAtAll() {
        LaunchConfig c = LaunchConfig.from(Map.of(), REPO);
        assertEquals(Path.of("/repo/.ipsc"), c.state().home());
        assertEquals(15432, c.postgresPort());
        assertEquals(19092, c.kafkaPort());
        assertEquals(19093, c.kafkaControllerPort());
        assertTrue(c.externalPostgres().isEmpty());
        assertTrue(c.externalKafka().isEmpty());
        assertTrue(c.adminEmail().isEmpty());
    }

    @Test
    void takesExistingServersAndOtherPorts() {
        LaunchConfig c = LaunchConfig.from(Map.of(
                "IPSC_HOME", "/tmp/elsewhere",
                "IPSC_PG_URL", "postgresql://u:p@db:5433",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "IPSC_KAFKA_PORT", "29092",
                "IPSC_PG_PORT", " "), REPO);
        assertEquals(Path.of("/tmp/elsewhere"), c.state().home());
        assertEquals("db", c.externalPostgres().orElseThrow().host());
        assertEquals("kafka:9092", c.externalKafka().orElseThrow());
        assertEquals(29092, c.kafkaPort());
        assertEquals(15432, c.postgresPort());
    }

    @Test
    void oneDatabaseClusterUnlessTwoAreAskedFor() {
        assertEquals(List.of("main"), LaunchConfig.from(Map.of(), REPO).postgresClusters());
        assertEquals(List.of("main"), LaunchConfig.from(Map.of("IPSC_PG_CLUSTERS", "1"), REPO).postgresClusters());
        assertEquals(List.of("main", "second"), LaunchConfig.from(Map.of("IPSC_PG_CLUSTERS", " 2 "), REPO).postgresClusters());
        assertEquals(List.of("main"), LaunchConfig.from(Map.of("IPSC_PG_CLUSTERS", ""), REPO).postgresClusters(), "empty is unset");
    }

    @Test
    void refusesAnyOtherNumberOfClustersNamingTheChoices() {
        for (String bad : List.of("0", "3", "two", "-1", "1.5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LaunchConfig.from(Map.of("IPSC_PG_CLUSTERS", bad), REPO), bad);
            assertTrue(e.getMessage().startsWith("IPSC_PG_CLUSTERS must be 1") && e.getMessage().endsWith("not '" + bad + "'"),
                    e.getMessage());
        }
    }

    @Test
    void twoClustersAreEmbeddedSoAnExternalServerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaunchConfig.from(Map.of(
                "IPSC_PG_CLUSTERS", "2", "IPSC_PG_URL", "postgresql://u:secret@db:5433"), REPO));
        assertTrue(e.getMessage().contains("IPSC_PG_URL"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "the URL's password stays out of the message");
        assertEquals(List.of("main"), LaunchConfig.from(Map.of("IPSC_PG_CLUSTERS", "1", "IPSC_PG_URL", "postgresql://u:p@db"), REPO)
                .postgresClusters());
    }

    @Test
    void namesTheVariableOfABadPort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchConfig.from(Map.of("IPSC_KAFKA_PORT", "90000"), REPO));
        assertTrue(e.getMessage().startsWith("IPSC_KAFKA_PORT"), e.getMessage());
    }
}
