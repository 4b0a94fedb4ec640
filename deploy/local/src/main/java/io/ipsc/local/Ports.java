package io.ipsc.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;

/** Port checks shared by the launcher and the embedded servers. */
public final class Ports {

    private Ports() {
    }

    /** Fails with a message naming the port and its purpose when something already listens there. */
    public static void requireFree(int port, String purpose) {
        requireFree(port, purpose, "Stop whatever listens there, or choose another port.");
    }

    /** As {@link #requireFree(int, String)}, ending the message with what the reader can do about it. */
    public static void requireFree(int port, String purpose, String remedy) {
        if (isListening(port)) {
            throw new IllegalStateException("Port " + port + " (" + purpose + ") is already in use. " + remedy);
        }
    }

    /** Both ports of a service, its API's and its management interface's. */
    public static void requireFree(ServiceSpec service, String remedy) {
        requireFree(service.port(), service.name(), remedy);
        requireFree(service.managementPort(), service.name() + " management", remedy);
    }

    /** The first port above {@code port} that nothing listens on and that this process could bind. */
    public static int nextFree(int port) {
        for (int candidate = port + 1; candidate <= 65535; candidate++) {
            if (!isListening(candidate) && bindable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free port above " + port);
    }

    public static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port that was free a moment ago, chosen below the kernel's ephemeral range: a port the kernel hands out
     * itself ({@code new ServerSocket(0)}) comes from the range it also gives every outgoing connection, so in the
     * seconds between picking it and a service binding it, one of the hundreds of connections a starting suite
     * opens could take it (it happened once: a management port taken before the service bound it).
     */
    public static int freePort() {
        int below = ephemeralLow();
        int first = Math.max(1024, below - UNUSED_SPAN);
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = first + RANDOM.nextInt(below - first);
            if (bindable(port)) {
                return port;
            }
        }
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    /** How many ports below the ephemeral range {@link #freePort()} draws from. */
    private static final int UNUSED_SPAN = 12_000;
    private static final Random RANDOM = new SecureRandom();

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), or the IANA range's 49152 elsewhere. */
    private static int ephemeralLow() {
        try {
            String range = readProcFile(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            int low = Integer.parseInt(range.trim().split("\\s+")[0]);
            return low > 1024 + 1000 ? low : 49152;
        } catch (IOException | RuntimeException e) {
            return 49152;
        }
    }

    /** Files under /proc report a size of 0, which {@code Files.readString} trusts; reading the stream does not. */
    private static String readProcFile(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
