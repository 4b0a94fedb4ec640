package io.ipsc.web.gateway;

import io.ipsc.client.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Calls to the gateway that one page needs and that do not depend on each other, made at the same
 * time: a page then waits for its slowest answer, not for the sum of them. The calls block (the
 * generated client), so they run on Quarkus' managed worker pool, never on the event loop.
 */
@ApplicationScoped
public class GatewayCalls {

    private final ManagedExecutor workers;

    GatewayCalls(ManagedExecutor workers) {
        this.workers = workers;
    }

    /** Starts {@code call} now; {@link #await} gives its answer or its {@link ApiException}. */
    public <T> CompletableFuture<T> start(Call<T> call) {
        return workers.supplyAsync(() -> {
            try {
                return call.get();
            } catch (ApiException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** The answer of a started call, with the gateway's refusal thrown as it would have been by a direct call. */
    public static <T> T await(CompletableFuture<T> started) throws ApiException {
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof ApiException api) {
                throw api;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ApiException(cause);
        }
    }

    /** A call to the generated client. */
    @FunctionalInterface
    public interface Call<T> {
        T get() throws ApiException;
    }
}
