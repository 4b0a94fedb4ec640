package io.ipsc.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aFreePortIsBindableAndOutsideTheRangeTheKernelGivesOutgoingConnections() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralLow = 49152;
        if (Files.isReadable(range)) {
            try (InputStream in = Files.newInputStream(range)) {
                ephemeralLow = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0]);
            }
        }
        for (int i = 0; i < 20; i++) {
            int port = Ports.freePort();
            assertTrue(port >= 1024 && port < ephemeralLow, "port " + port + " is below the ephemeral range " + ephemeralLow);
            try (ServerSocket bound = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
                assertTrue(Ports.isListening(port), "what freePort chose can be bound and then answers");
            }
        }
    }

    @Test
    void aPortSomethingListensOnIsNotFree() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            assertTrue(Ports.isListening(taken.getLocalPort()));
        }
        int port = Ports.freePort();
        assertFalse(Ports.isListening(port), "nothing listens on a port freePort returns");
    }

    /** The second database cluster's port: the next one after main's that nothing holds. */
    @Test
    void theNextFreePortSkipsATakenOne() throws Exception {
        int base = Ports.freePort();
        try (ServerSocket taken = new ServerSocket(base + 1, 0, InetAddress.getLoopbackAddress())) {
            int next = Ports.nextFree(base);
            assertTrue(next > base + 1, "port " + (base + 1) + " is taken, so the next free one is above it, not " + next);
            assertFalse(Ports.isListening(next));
        }
    }
}
