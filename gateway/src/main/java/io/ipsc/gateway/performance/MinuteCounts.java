package io.ipsc.gateway.performance;

/** One minute of one tenant's requests to one module. Mutated only under its series' lock. */
final class MinuteCounts {

    long minute;
    long requests;
    long serverErrors;
    long clientErrors;
    final long[] latencyBuckets = new long[LatencyBuckets.COUNT];

    MinuteCounts(long minute) {
        this.minute = minute;
    }

    void reset(long newMinute) {
        minute = newMinute;
        requests = 0;
        serverErrors = 0;
        clientErrors = 0;
        java.util.Arrays.fill(latencyBuckets, 0);
    }
}
