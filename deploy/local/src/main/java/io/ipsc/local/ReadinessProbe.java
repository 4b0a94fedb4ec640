package io.ipsc.local;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits for a service to answer 200 on its SmallRye Health readiness endpoint. */
public final class ReadinessProbe {

    /** A readiness check costs the service next to nothing; a coarse poll would add up to its interval to every start. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final HttpClient client = HttpClient.newBuilder()
            // Plain HTTP/1.1: an HTTP/2 upgrade attempt buys nothing for a health check.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public void awaitReady(ServiceProcess service, Duration timeout) throws StartupFailure, InterruptedException {
        ServiceSpec spec = service.spec();
        HttpRequest request = HttpRequest.newBuilder(spec.readinessUri()).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        String lastAnswer = "no answer";
        while (true) {
            if (!service.isAlive()) {
                throw new StartupFailure(spec.name() + " exited with code " + service.exitValue()
                        + " before it was ready", service.log(), service.logStart());
            }
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                lastAnswer = "HTTP " + status;
            } catch (IOException e) {
                // Not listening yet, or busy starting: ask again until the deadline.
                lastAnswer = e.getClass().getSimpleName();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StartupFailure(spec.name() + " was not ready after " + timeout.toSeconds() + " s ("
                        + spec.readinessUri() + ": " + lastAnswer + ")", service.log(), service.logStart());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }
}
