package io.ipsc.tenant.cluster;

import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenant.cluster.PlacementPolicy.Load;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlacementPolicyTest {

    @Test
    void aNewTenantGoesToTheOpenClusterWithTheMostFreeCapacity() {
        // main: 5000 − 4200 = 800 free; second: 1000 − 100 = 900 free; third: 10000 − 9500 = 500 free.
        List<Load> clusters = List.of(
                new Load("main", "open", 5000, 4200),
                new Load("second", "open", 1000, 100),
                new Load("third", "open", 10000, 9500));

        assertEquals("second", PlacementPolicy.place(clusters, null));
    }

    @Test
    void freeCapacityNotSizeDecides() {
        // The bigger cluster is fuller: 10000 − 9999 = 1 free against 10 − 0 = 10.
        assertEquals("small", PlacementPolicy.place(List.of(
                new Load("big", "open", 10000, 9999),
                new Load("small", "open", 10, 0)), null));
    }

    @Test
    void aTieGoesToTheFirstNameSoEveryReplicaAgrees() {
        // Both have 50 free; the order of the list must not matter.
        List<Load> clusters = List.of(new Load("zeta", "open", 100, 50), new Load("alpha", "open", 60, 10));

        assertEquals("alpha", PlacementPolicy.place(clusters, null));
        assertEquals("alpha", PlacementPolicy.place(List.of(clusters.get(1), clusters.get(0)), null));
    }

    @Test
    void drainingAndClosedClustersAreSkippedHoweverEmpty() {
        List<Load> clusters = List.of(
                new Load("main", "open", 5000, 4999),
                new Load("drained", "draining", 5000, 0),
                new Load("shut", "closed", 5000, 0));

        assertEquals("main", PlacementPolicy.place(clusters, null));
    }

    @Test
    void noOpenClusterWithRoomIsRefusedWith409() {
        ApiException refused = assertThrows(ApiException.class, () -> PlacementPolicy.place(List.of(
                new Load("main", "open", 10, 10),
                new Load("second", "draining", 10, 0),
                new Load("third", "open", 5, 7)), null)); // more tenants than capacity: negative room, never a choice

        assertEquals(409, refused.status());
        assertEquals("NO_CLUSTER_CAPACITY", refused.code());
    }

    @Test
    void aNamedOpenClusterWithRoomIsTakenEvenIfAnotherIsFreer() {
        assertEquals("main", PlacementPolicy.place(List.of(
                new Load("main", "open", 5000, 4999),
                new Load("second", "open", 5000, 0)), "main"));
    }

    @Test
    void aNamedClusterThatTakesNoTenantsIsRefusedWith409SayingWhy() {
        List<Load> clusters = List.of(
                new Load("main", "open", 10, 10),
                new Load("second", "draining", 10, 0),
                new Load("third", "closed", 10, 0));

        ApiException full = assertThrows(ApiException.class, () -> PlacementPolicy.place(clusters, "main"));
        ApiException draining = assertThrows(ApiException.class, () -> PlacementPolicy.place(clusters, "second"));
        ApiException closed = assertThrows(ApiException.class, () -> PlacementPolicy.place(clusters, "third"));

        assertEquals(List.of(409, 409, 409), List.of(full.status(), draining.status(), closed.status()));
        assertEquals("CLUSTER_NOT_OPEN", full.code());
        assertEquals("Database cluster 'main' takes no new tenants: it is full (10 of 10)", full.getMessage());
        assertEquals("Database cluster 'second' takes no new tenants: it is draining", draining.getMessage());
        assertEquals("Database cluster 'third' takes no new tenants: it is closed", closed.getMessage());
    }

    @Test
    void anUnknownNamedClusterIsRefusedAtItsField() {
        ApiException unknown = assertThrows(ApiException.class, () -> PlacementPolicy.place(
                List.of(new Load("main", "open", 10, 0)), "nowhere"));

        assertEquals(400, unknown.status());
        assertEquals("cluster", unknown.details().get(0).field());
    }
}
