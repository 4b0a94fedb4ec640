package io.ipsc.gateway.performance;

/**
 * Fixed latency buckets shared by every series: geometric, each 25 % wider than the last, from
 * 0.1 ms to about two minutes. A percentile read from them is the upper edge of its bucket, so it
 * errs high by at most a quarter — plenty for an operator's view — for 64 counters a minute.
 */
final class LatencyBuckets {

    static final int COUNT = 64;
    private static final double FIRST_UPPER_MILLIS = 0.1;
    private static final double RATIO = 1.25;
    private static final long[] UPPER_NANOS = new long[COUNT];

    static {
        double upper = FIRST_UPPER_MILLIS;
        for (int i = 0; i < COUNT; i++) {
            UPPER_NANOS[i] = (long) (upper * 1_000_000);
            upper *= RATIO;
        }
        // Everything slower lands in the last bucket.
        UPPER_NANOS[COUNT - 1] = Long.MAX_VALUE;
    }

    private LatencyBuckets() {
    }

    static int index(long nanos) {
        int low = 0;
        int high = COUNT - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (nanos <= UPPER_NANOS[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** The upper edge of bucket {@code i} in milliseconds; the last bucket reports its lower edge (it has no upper). */
    static double upperMillis(int i) {
        long nanos = i == COUNT - 1 ? UPPER_NANOS[COUNT - 2] : UPPER_NANOS[i];
        return nanos / 1_000_000.0;
    }
}
