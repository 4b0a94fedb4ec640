package io.ipsc.tenant.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseClusterBootstrapTest {

    @Test
    void mainIsAlwaysRegisteredThenTheConfiguredNamesInOrderOnce() {
        assertEquals(List.of("main"), List.copyOf(DatabaseClusterBootstrap.clusterNames(List.of())));
        assertEquals(List.of("main", "second", "third"),
                List.copyOf(DatabaseClusterBootstrap.clusterNames(List.of(" second", "third", "main", "second", ""))));
    }

    @Test
    void aNameNoServiceCouldConfigureStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DatabaseClusterBootstrap.clusterNames(List.of("main", "eu-west")));

        assertTrue(refused.getMessage().contains("'eu-west'"), refused.getMessage());
    }
}
