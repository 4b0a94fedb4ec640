package io.ipsc.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

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

    public static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
