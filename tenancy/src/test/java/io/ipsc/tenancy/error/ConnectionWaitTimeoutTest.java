package io.ipsc.tenancy.error;

import io.ipsc.tenancy.api.ApiResponse;
import io.vertx.core.Future;
import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A pool that gives no connection in time is a busy service (503, retry), not a failure of ours (500). */
class ConnectionWaitTimeoutTest {

    private final ApiExceptionMappers mappers = new ApiExceptionMappers();

    @Test
    void theSqlPoolsTimeoutIsA503WithRetryAfter() {
        // The failure exactly as Vert.x's SqlConnectionPool makes it, wrapped as a Uni's await would.
        Throwable timeout = Future.failedFuture("Timeout").cause();
        Response answer = mappers.unexpected(new CompletionException(timeout));
        assertEquals(503, answer.getStatus());
        assertEquals("1", answer.getHeaderString("Retry-After"));
        assertEquals("TOO_BUSY", ((ApiResponse<?>) answer.getEntity()).error().code());
    }

    @Test
    void anyOtherBareVertxFailureStaysA500() {
        Response answer = mappers.unexpected(new NoStackTraceThrowable("Connection refused"));
        assertEquals(500, answer.getStatus());
        assertEquals("INTERNAL_ERROR", ((ApiResponse<?>) answer.getEntity()).error().code());
    }
}
