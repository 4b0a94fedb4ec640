package io.ipsc.gateway.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The event loops' clients share one module's pool of connections instead of each holding a whole one. */
class UpstreamsTest {

    @Test
    void theLoopsTogetherKeepToThePoolWithAFloorOfEight() {
        assertEquals(16, Upstreams.perLoopPoolSize(4));
        assertEquals(64, Upstreams.perLoopPoolSize(1));
        assertEquals(8, Upstreams.perLoopPoolSize(32), "32 loops of 8, not 2,048 connections");
        assertEquals(64, Upstreams.perLoopPoolSize(0));
    }
}
