package io.ipsc.tenant;

import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Sends requests all at once, as an attacker racing the server would: one thread each, released together. */
final class Burst {

    private Burst() {
    }

    /** The answers of {@code count} requests, in the order of their index. */
    static List<Response> send(int count, IntFunction<Response> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    /** "status CODE" of an answer, e.g. {@code 401 INVALID_CREDENTIALS} or {@code 200 null}. */
    static String outcome(Response r) {
        return r.statusCode() + " " + r.jsonPath().getString("error.code");
    }
}
