package io.ipsc.local.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bench's database reference finds every cluster of the suite, so that a tenant placed on {@code second} is measured there. */
class DatabaseReferenceTest {

    @Test
    void everyClusterInTheEndpointsIsAServerWithMainsPassword() {
        Map<String, String> endpoints = Map.of("IPSC_PG_HOST", "127.0.0.1", "IPSC_PG_PORT", "15432", "IPSC_PG_USER", "postgres",
                "IPSC_PG_PASSWORD", "pw", "IPSC_CLUSTERS", "main,second",
                "IPSC_CLUSTERS_SECOND_HOST", "127.0.0.1", "IPSC_CLUSTERS_SECOND_PORT", "15433", "IPSC_CLUSTERS_SECOND_USER", "postgres");

        assertEquals(List.of(new DatabaseReference.Server("main", "127.0.0.1", "15432", "postgres", "pw"),
                        new DatabaseReference.Server("second", "127.0.0.1", "15433", "postgres", "pw")),
                DatabaseReference.servers(endpoints));
    }

    @Test
    void anEndpointsFileFromBeforeClustersMeansMainAlone() {
        Map<String, String> endpoints = Map.of("IPSC_PG_HOST", "db", "IPSC_PG_PORT", "5432", "IPSC_PG_USER", "ipsc", "IPSC_PG_PASSWORD", "pw");

        assertEquals(List.of(new DatabaseReference.Server("main", "db", "5432", "ipsc", "pw")), DatabaseReference.servers(endpoints));
    }
}
