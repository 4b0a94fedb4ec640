package io.ipsc.gateway.performance;

/**
 * The last hour of one tenant's requests to one module, minute by minute in a ring. A minute's
 * counts are allocated on its first request, so a quiet tenant costs almost nothing. The lock is
 * held for a few array writes only, never across I/O.
 */
final class RequestSeries {

    static final int MINUTES = 60;

    private final MinuteCounts[] ring = new MinuteCounts[MINUTES];

    synchronized void record(long minute, int status, long nanos) {
        int slot = (int) (minute % MINUTES);
        MinuteCounts counts = ring[slot];
        if (counts == null) {
            counts = new MinuteCounts(minute);
            ring[slot] = counts;
        } else if (counts.minute != minute) {
            counts.reset(minute);
        }
        counts.requests++;
        if (status >= 500) {
            counts.serverErrors++;
        } else if (status >= 400) {
            counts.clientErrors++;
        }
        counts.latencyBuckets[LatencyBuckets.index(nanos)]++;
    }

    /** Adds the minutes in {@code (nowMinute - minutes, nowMinute]} to {@code into}. */
    synchronized void addTo(Accumulator into, long nowMinute, int minutes) {
        for (MinuteCounts counts : ring) {
            if (counts != null && counts.minute <= nowMinute && counts.minute > nowMinute - minutes) {
                into.add(counts);
            }
        }
    }

    /** True when nothing in the ring is recent enough to matter any more. */
    synchronized boolean staleAt(long nowMinute) {
        for (MinuteCounts counts : ring) {
            if (counts != null && counts.minute > nowMinute - MINUTES) {
                return false;
            }
        }
        return true;
    }

    /** Sums minutes (of one series or several) into one window's figures. */
    static final class Accumulator {
        private long requests;
        private long serverErrors;
        private long clientErrors;
        private final long[] buckets = new long[LatencyBuckets.COUNT];

        void add(MinuteCounts counts) {
            requests += counts.requests;
            serverErrors += counts.serverErrors;
            clientErrors += counts.clientErrors;
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += counts.latencyBuckets[i];
            }
        }

        void add(Accumulator other) {
            requests += other.requests;
            serverErrors += other.serverErrors;
            clientErrors += other.clientErrors;
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += other.buckets[i];
            }
        }

        WindowFigures figures() {
            if (requests == 0) {
                return new WindowFigures(0, 0, 0, null, null, null, null, null);
            }
            return new WindowFigures(requests, serverErrors, clientErrors, ratio(serverErrors), ratio(clientErrors),
                    percentile(0.50), percentile(0.95), percentile(0.99));
        }

        private Double ratio(long part) {
            return Math.round(part * 10_000.0 / requests) / 10_000.0;
        }

        private Double percentile(double q) {
            long rank = (long) Math.ceil(q * requests);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= rank) {
                    return Math.round(LatencyBuckets.upperMillis(i) * 1000.0) / 1000.0;
                }
            }
            return LatencyBuckets.upperMillis(buckets.length - 1);
        }
    }
}
