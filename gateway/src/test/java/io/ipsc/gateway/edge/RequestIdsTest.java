package io.ipsc.gateway.edge;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdsTest {

    @Test
    void idsAreVersion4UuidsAsBefore() {
        for (int i = 0; i < 1_000; i++) {
            String id = RequestIds.next();
            UUID parsed = UUID.fromString(id);
            assertEquals(id, parsed.toString(), "the canonical 36-character form");
            assertEquals(4, parsed.version());
            assertEquals(2, parsed.variant(), "the IETF variant, as UUID.randomUUID() gives");
        }
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(RequestIds.next()));
        }
    }
}
