package io.ipsc.web;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A page test's stand-in gateway: a local HTTP server on a free port that signs visitors in and out as
 * {@link StubGateway} does and hands every other request to the area's own answers. The web app is pointed at
 * it through {@code ipsc.web.gateway-url}; each page test names its stand-in with
 * {@code restrictToAnnotatedClass = true}, so that no other class's stand-in is started with it.
 */
public abstract class StandInGateway implements QuarkusTestResourceLifecycleManager {

    private final HttpHandler answers;
    private HttpServer server;

    protected StandInGateway(HttpHandler answers) {
        this.answers = answers;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/auth/login", StubGateway::login);
        server.createContext("/api/auth/logout", StubGateway::logout);
        server.createContext("/", answers);
        server.start();
        return Map.of("ipsc.web.gateway-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
